internal static partial class Interop
{
    /// <summary>The one place native library names are spelled.</summary>
    internal static class Libraries
    {
        // "libc" alone resolves to the libc.so linker script on Debian, which dlopen cannot load.
        internal const string Libc = "libc.so.6";
    }
}
