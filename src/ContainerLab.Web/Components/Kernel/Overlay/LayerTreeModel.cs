using System.Globalization;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>One entry of a layer's file tree: the file as the layer stores it and, for a directory, its entries once opened.</summary>
/// <param name="position">1-based among its siblings, and <paramref name="setSize"/> their number (aria-posinset, aria-setsize).</param>
public sealed class LayerTreeNode(LayerFileDto file, string path, int depth, LayerTreeNode? parent, int position, int setSize)
{
    public LayerFileDto File { get; } = file;
    /// <summary>Absolute path inside the layer ("/bin/vi").</summary>
    public string Path { get; } = path;
    /// <summary>1 for the entries of the layer's root (aria-level).</summary>
    public int Depth { get; } = depth;
    public LayerTreeNode? Parent { get; } = parent;
    public int Position { get; } = position;
    public int SetSize { get; } = setSize;
    public bool IsDirectory => File.Kind == "directory";
    public bool Expanded { get; internal set; }
    public bool Loading { get; internal set; }
    /// <summary>Null until the directory was opened once.</summary>
    public IReadOnlyList<LayerTreeNode>? Children { get; internal set; }
    public bool ChildrenTruncated { get; internal set; }

    public string Marker => KernelText.ChangeMarker(File.Change);

    /// <summary>"bin/", "sh → busybox", "vi".</summary>
    public string Label => File.Kind switch
    {
        "directory" => File.Name + "/",
        "symlink" => $"{File.Name} → {File.LinkTarget}",
        _ => File.Name,
    };

    /// <summary>"-rwxr-xr-x 0:0 1.0 MiB", as ls -l would say it; directories and whiteouts have no size worth showing.</summary>
    public string Details =>
        $"{KernelText.FileMode(File.Mode)} {Id(File.Uid)}:{Id(File.Gid)}" + (File.Kind is "file" or "symlink" ? " " + KernelText.Bytes(File.Size) : "")
        + (ChildrenTruncated ? $" · first {KernelText.Number(Children?.Count ?? 0)} entries shown" : "");

    /// <summary>What this layer did to the name, in words (the marker and colour say the same).</summary>
    public string ChangeExplanation => File.Change switch
    {
        "added" => "added in this layer; the layers below do not have it",
        "modified" when IsDirectory => "a directory the layers below have too; overlayfs merges their entries",
        "modified" => "replaces the same name in the layers below (a copy-up when it is the writable layer)",
        "deleted" => "deleted: a whiteout (character device 0/0) hides it in the layers below",
        "opaque" => "an opaque directory (trusted.overlay.opaque=y): the layers below's entries in it are hidden",
        _ => File.Change,
    };

    public string Explanation => $"{Label}, {KindWord}, {ChangeExplanation}. {Details}";

    private string KindWord => File.Kind switch
    {
        "other" when File.Change == "deleted" => "whiteout",
        var kind => kind,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The file tree of one layer, loaded one directory at a time (an image layer holds thousands of files): the root's
/// entries first, a directory's when it is first opened. Keeps which directories are open and what failed.
/// </summary>
public sealed class LayerTreeModel(Func<string, CancellationToken, Task<LayerDirectoryDto>> listDirectory)
{
    public IReadOnlyList<LayerTreeNode> Roots { get; private set; } = [];
    public bool RootLoaded { get; private set; }
    public bool RootTruncated { get; private set; }
    /// <summary>The last failure to open a directory, in words; cleared by the next success.</summary>
    public string? Error { get; private set; }

    public async Task LoadRootAsync(CancellationToken cancellationToken)
    {
        var directory = await ListAsync("/", cancellationToken);
        if (directory is null)
            return;
        Roots = Nodes(directory, parent: null);
        RootTruncated = directory.Truncated;
        RootLoaded = true;
    }

    /// <summary>Opens a directory (loading its entries the first time) or closes it. Files do nothing.</summary>
    public async Task ToggleAsync(LayerTreeNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!node.IsDirectory || node.Loading)
            return;
        if (node.Expanded)
        {
            node.Expanded = false;
            return;
        }
        if (node.Children is null)
        {
            node.Loading = true;
            try
            {
                var directory = await ListAsync(node.Path, cancellationToken);
                if (directory is null)
                    return;
                node.Children = Nodes(directory, node);
                node.ChildrenTruncated = directory.Truncated;
            }
            finally
            {
                node.Loading = false;
            }
        }
        node.Expanded = true;
    }

    /// <summary>Reads the layer again (it may be the writable layer, which changes), reopening the directories that were open.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var open = Visible().Where(n => n.Expanded).Select(n => n.Path).ToHashSet(StringComparer.Ordinal);
        await LoadRootAsync(cancellationToken);
        await ReopenAsync(Roots, open, cancellationToken);
    }

    /// <summary>The entries a reader sees, in order: every entry of the root and of each open directory, depth first.</summary>
    public IReadOnlyList<LayerTreeNode> Visible()
    {
        var visible = new List<LayerTreeNode>();
        void Add(IReadOnlyList<LayerTreeNode> nodes)
        {
            foreach (var node in nodes)
            {
                visible.Add(node);
                if (node.Expanded && node.Children is { } children)
                    Add(children);
            }
        }
        Add(Roots);
        return visible;
    }

    /// <summary>
    /// What a key pressed on <paramref name="node"/> does (WAI-ARIA tree view pattern): Enter or Space toggles a directory;
    /// Up/Down move to the previous/next visible entry, Home/End to the first/last; Right opens a closed directory or
    /// moves into an open one; Left closes an open directory or moves to the parent. Any other key does nothing.
    /// </summary>
    public (bool Toggle, LayerTreeNode? Focus) KeyAction(LayerTreeNode node, string key)
    {
        ArgumentNullException.ThrowIfNull(node);
        var visible = Visible();
        int index = -1;
        for (int i = 0; i < visible.Count && index < 0; i++)
        {
            if (ReferenceEquals(visible[i], node))
                index = i;
        }
        LayerTreeNode? At(int i) => i >= 0 && i < visible.Count ? visible[i] : null;
        return key switch
        {
            "Enter" or " " => (node.IsDirectory, null),
            "ArrowDown" => (false, At(index + 1)),
            "ArrowUp" => (false, At(index - 1)),
            "Home" => (false, At(0)),
            "End" => (false, At(visible.Count - 1)),
            "ArrowRight" when node.IsDirectory && !node.Expanded => (true, null),
            "ArrowRight" when node.Expanded && node.Children is [var first, ..] => (false, first),
            "ArrowLeft" when node.Expanded => (true, null),
            "ArrowLeft" => (false, node.Parent),
            _ => (false, null),
        };
    }

    private async Task ReopenAsync(IReadOnlyList<LayerTreeNode> nodes, HashSet<string> open, CancellationToken cancellationToken)
    {
        foreach (var node in nodes.Where(n => n.IsDirectory && open.Contains(n.Path)))
        {
            await ToggleAsync(node, cancellationToken);
            if (node.Expanded && node.Children is { } children)
                await ReopenAsync(children, open, cancellationToken);
        }
    }

    private async Task<LayerDirectoryDto?> ListAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var directory = await listDirectory(path, cancellationToken);
            Error = null;
            return directory;
        }
        catch (ContainerLabApiException e)
        {
            Error = $"Cannot open {path}: {e.Detail}";
        }
        catch (HttpRequestException)
        {
            Error = $"Cannot open {path}: the sandbox daemon does not answer.";
        }
        return null;
    }

    private static List<LayerTreeNode> Nodes(LayerDirectoryDto directory, LayerTreeNode? parent) =>
        [.. directory.Entries.Select((e, i) =>
            new LayerTreeNode(e, (parent?.Path ?? "") + "/" + e.Name, (parent?.Depth ?? 0) + 1, parent, i + 1, directory.Entries.Count))];
}
