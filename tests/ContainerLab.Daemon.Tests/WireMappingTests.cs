using System.Text.Json;
using ContainerLab.Api.Contracts;
using ContainerLab.Daemon.Endpoints;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Inspection;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Tests;

public sealed class WireMappingTests
{
    [Fact]
    public void The_engine_takes_as_much_stdin_as_the_api_offers() =>
        Assert.Equal(ExecRequest.MaxStdinBytes, SandboxSpecValidator.MaxStdinBytes);

    [Fact]
    public void Stdin_travels_as_base64_and_reaches_the_exec_spec()
    {
        var request = JsonSerializer.Deserialize("""{"command":["cat"],"stdin":"aGk="}""", ApiJsonContext.Default.ExecRequest)!;
        Assert.Equal("hi"u8.ToArray(), request.ToSpec().Stdin.ToArray());
    }

    [Fact]
    public void Missing_fields_take_the_engines_defaults()
    {
        var spec = new CreateSandboxRequest { Image = "busybox" }.ToSpec();
        Assert.Equal(SandboxLimits.Default, spec.Limits);
        Assert.Equal(PrivilegeProfile.Default, spec.Profile);
        Assert.Equal(NetworkMode.None, spec.Network);
        Assert.Null(spec.WorkingDirectory); // the image's WorkingDir, decided at create
        Assert.Null(new ExecRequest { Command = ["sh"] }.ToSpec().WorkingDirectory); // the sandbox's, decided at exec
        Assert.Empty(spec.Command);
    }

    [Fact]
    public void Partial_limits_keep_the_defaults_for_the_rest()
    {
        var spec = new CreateSandboxRequest { Image = "busybox", Limits = new LimitsDto { Pids = 64 } }.ToSpec();
        Assert.Equal(64, spec.Limits.Pids);
        Assert.Equal(SandboxLimits.Default.MemoryBytes, spec.Limits.MemoryBytes);
    }

    [Fact]
    public void A_limit_update_changes_only_the_given_fields()
    {
        var update = new UpdateLimitsRequest { MemoryBytes = 32 * SandboxLimits.MiB }.ToUpdate();
        Assert.Equal(new LimitUpdate(MemoryBytes: 32 * SandboxLimits.MiB), update);
        var limits = update.ApplyTo(SandboxLimits.Default);
        Assert.Equal(SandboxLimits.Default with { MemoryBytes = 32 * SandboxLimits.MiB }, limits);
        Assert.True(new UpdateLimitsRequest().ToUpdate().IsEmpty);
    }

    [Fact]
    public void Sizes_with_units_become_bytes_and_keep_their_unit()
    {
        var request = new UpdateLimitsRequest { Memory = "4096MiB" };
        var units = LimitUnits.Of(request);
        Assert.Equal(4096 * SandboxLimits.MiB, request.ToUpdate(units).MemoryBytes);
        Assert.Equal("512 MiB", units.Memory!.Value.Format(512 * SandboxLimits.MiB));

        var spec = new CreateSandboxRequest { Image = "busybox", Limits = new LimitsDto { Memory = "64m", Disk = "1g" } }.ToSpec();
        Assert.Equal(64 * SandboxLimits.MiB, spec.Limits.MemoryBytes);
        Assert.Equal(1024 * SandboxLimits.MiB, spec.Limits.DiskBytes);
    }

    [Fact]
    public void A_size_and_its_bytes_together_are_refused()
    {
        var e = Assert.Throws<InvalidRequestException>(() => new UpdateLimitsRequest { Memory = "64m", MemoryBytes = 1 }.ToUpdate());
        Assert.Equal("give memory or memoryBytes, not both", e.Message);
    }

    [Fact]
    public void A_size_that_is_not_one_is_refused()
    {
        var e = Assert.Throws<InvalidRequestException>(() => new UpdateLimitsRequest { Memory = "lots" }.ToUpdate());
        Assert.Contains("'lots' is not a size", e.Message);
    }

    [Fact]
    public void A_limit_refused_by_the_engine_is_said_in_the_callers_unit()
    {
        var units = LimitUnits.Of(new UpdateLimitsRequest { Memory = "8g" });
        var e = Assert.Throws<AggregateException>(() => units.SpeakAsync<int>(() =>
            throw new LimitExceededException(LimitKind.Memory, LimitScope.Node, 8L << 30, 3L << 30)).Wait());
        Assert.Equal("memory 8g is above this server's per-node ceiling of 3g", e.InnerException!.Message);
        Assert.IsType<InvalidRequestException>(e.InnerException);
    }

    [Fact]
    public void A_limit_update_with_an_unknown_field_is_refused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"memroy\":1}", ApiJsonContext.Default.UpdateLimitsRequest));

    [Theory]
    [InlineData("internals", PrivilegeProfile.Internals)]
    [InlineData("Default", PrivilegeProfile.Default)]
    public void Profiles_parse_case_insensitively(string wire, PrivilegeProfile expected) =>
        Assert.Equal(expected, new CreateSandboxRequest { Image = "x", Profile = wire }.ToSpec().Profile);

    [Theory]
    [InlineData("root")]
    [InlineData("1")] // enum values by number are not part of the API
    [InlineData("")]
    public void Unknown_profiles_are_refused_with_the_choices(string wire)
    {
        var error = Assert.Throws<InvalidRequestException>(() => new CreateSandboxRequest { Image = "x", Profile = wire }.ToSpec());
        Assert.Contains("default or internals", error.Message);
    }

    [Fact]
    public void Unknown_json_fields_are_refused_by_the_contracts()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = ApiJsonContext.Default,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        };
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CreateSandboxRequest>("{\"image\":\"x\",\"memroy\":1}", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CreateSandboxRequest>("{\"command\":[]}", options)); // image is required
    }

    [Fact]
    public void Host_info_carries_the_change_stream_and_reads_without_it_from_an_older_daemon()
    {
        var info = new HostInfoDto
        {
            Version = "dev", Kernel = "6", CgroupMode = "v2", Runtime = "crun", RuntimeVersion = "1.8.1", StateDirectory = "/s",
            CgroupParent = "/c", Sandboxes = 1, MaxSandboxes = 2, Footprint = new FootprintDto(1, 3, 1, 0, 1, 1),
            ChangeStream = new ChangeStreamDto(1, 40, 40, 12.5, 9.25),
        };
        string json = JsonSerializer.Serialize(info, ApiJsonContext.Default.HostInfoDto);
        Assert.Contains("\"changeStream\":{\"watched\":1,\"ticks\":40,\"sandboxTicks\":40,\"busyMilliseconds\":12.5,\"busyCpuMilliseconds\":9.25}", json);
        Assert.Equal(info, JsonSerializer.Deserialize(json, ApiJsonContext.Default.HostInfoDto));

        string older = json[..json.IndexOf(",\"changeStream\"", StringComparison.Ordinal)] + "}";
        Assert.Null(JsonSerializer.Deserialize(older, ApiJsonContext.Default.HostInfoDto)!.ChangeStream);
    }

    [Theory]
    [InlineData(typeof(InvalidRequestException), 400)]
    [InlineData(typeof(ImageImportException), 400)]
    [InlineData(typeof(JsonException), 400)]
    [InlineData(typeof(ConflictException), 409)]
    [InlineData(typeof(CapacityExceededException), 503)]
    [InlineData(typeof(InvalidOperationException), 500)]
    public void Errors_map_to_one_status_each(Type type, int status)
    {
        var exception = type == typeof(ImageImportException) ? new ImageImportException("message") : (Exception)Activator.CreateInstance(type, "message")!;
        Assert.Equal(status, ProblemExceptionHandler.Classify(exception).Status);
    }

    [Fact]
    public void Not_found_is_404_and_a_failed_runtime_is_500()
    {
        Assert.Equal(404, ProblemExceptionHandler.Classify(new NotFoundException("sandbox", "x")).Status);
        Assert.Equal(500, ProblemExceptionHandler.Classify(new RuntimeCommandException("crun", 1, "boom")).Status);
    }

    [Fact]
    public void Layer_files_go_on_the_wire_as_lowercase_words()
    {
        var directory = new LayerDirectory(1, "/etc", [
            new LayerFile("motd", LayerFileKind.Other, null, 0, 0x2180, 0, 0, FileChangeKind.Deleted),
            new LayerFile("opt", LayerFileKind.Directory, null, 0, 0x41ED, 0, 0, FileChangeKind.OpaqueDirectory),
            new LayerFile("awk", LayerFileKind.Symlink, "/etc/alternatives/awk", 21, 0xA1FF, 0, 0, FileChangeKind.Added),
        ], Truncated: true);

        var dto = directory.ToDto();

        Assert.Equal((1, "/etc", true), (dto.Layer, dto.Path, dto.Truncated));
        Assert.Equal([("other", "deleted"), ("directory", "opaque"), ("symlink", "added")], dto.Entries.Select(e => (e.Kind, e.Change)));
        Assert.Equal("/etc/alternatives/awk", dto.Entries[2].LinkTarget);
        string json = JsonSerializer.Serialize(dto, ApiJsonContext.Default.LayerDirectoryDto);
        Assert.Contains("\"linkTarget\":\"/etc/alternatives/awk\"", json);
        Assert.DoesNotContain("\"linkTarget\":null", json);
    }
}
