using ContainerLab.Web.Classes;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>The export's CSV: RFC 4180 quoting, and a student's name never runs as a spreadsheet formula.</summary>
public sealed class ClassExportTests
{
    [Theory]
    [InlineData("Ada", "Ada")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Smith, Jo", "\"Smith, Jo\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void A_field_is_quoted_and_neutralised(string value, string written) => Assert.Equal(written, ClassExport.Field(value));
}
