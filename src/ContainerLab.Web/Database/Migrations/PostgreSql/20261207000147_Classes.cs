using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ContainerLab.Web.Database.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Classes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "classes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    JoinCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Labs = table.Column<List<string>>(type: "text[]", nullable: false),
                    StartsAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    EndsAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    RequireAccount = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    Limits_IdleMinutes = table.Column<int>(type: "integer", nullable: false),
                    Limits_NodeCpus = table.Column<double>(type: "double precision", nullable: false),
                    Limits_NodeDiskBytes = table.Column<long>(type: "bigint", nullable: false),
                    Limits_NodeMemoryBytes = table.Column<long>(type: "bigint", nullable: false),
                    Limits_NodePids = table.Column<int>(type: "integer", nullable: false),
                    Limits_Nodes = table.Column<int>(type: "integer", nullable: false),
                    Limits_VmNodes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "class_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClassroomId = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JoinedAtUnixMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_class_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_class_members_classes_ClassroomId",
                        column: x => x.ClassroomId,
                        principalTable: "classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_class_members_AccountId",
                table: "class_members",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_class_members_ClassroomId_AccountId",
                table: "class_members",
                columns: new[] { "ClassroomId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_classes_JoinCode",
                table: "classes",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_classes_OwnerId",
                table: "classes",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "class_members");

            migrationBuilder.DropTable(
                name: "classes");
        }
    }
}
