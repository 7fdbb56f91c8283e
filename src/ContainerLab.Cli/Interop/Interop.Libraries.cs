internal static partial class Interop
{
    /// <summary>The one place clabctl spells native library names.</summary>
    internal static class Libraries
    {
        internal const string Libc = "libc.so.6";
    }
}
