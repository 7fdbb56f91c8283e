using System.Globalization;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>SVG attribute values: invariant numbers (a comma decimal separator would break a viewBox).</summary>
internal static class KernelSvg
{
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
