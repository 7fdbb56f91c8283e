namespace ContainerLab.Labs.Format;

/// <summary>
/// How a step is checked. Every check names its node (the lab's first by default) and may carry the author's own
/// message for a failure; without one, the check explains itself (a script by its output, the others by what the
/// kernel reported against what was wanted).
/// </summary>
public abstract record LabCheck(string Node, string? Message, int Line);

/// <summary>A shell script run inside the node with /bin/sh; passes on exit 0. From a file of the lab, or inline (<c>run:</c>).</summary>
public sealed record ScriptCheck(string Node, string? Message, int Line, string? File, string? Inline) : LabCheck(Node, Message, Line);

/// <summary>
/// A namespace of <paramref name="Kind"/> (pid, net, mnt, uts, ipc, user, cgroup, time) that is neither the host's
/// nor the node init's, i.e. one the student made (<paramref name="Nested"/> true), or none such (false).
/// </summary>
public sealed record NamespaceCheck(string Node, string? Message, int Line, string Kind, bool Nested) : LabCheck(Node, Message, Line);

/// <summary>A cgroup limit (memory bytes, pids, cpus) within bounds; null bound = no bound on that side.</summary>
public sealed record LimitCheck(string Node, string? Message, int Line, LimitResource Resource, double? AtMost, double? AtLeast)
    : LabCheck(Node, Message, Line);

public enum LimitResource { Memory, Pids, Cpus }

/// <summary>The cgroup counted at least <paramref name="AtLeast"/> OOM kills.</summary>
public sealed record OomKillCheck(string Node, string? Message, int Line, long AtLeast) : LabCheck(Node, Message, Line);

/// <summary>The writable layer has <paramref name="Path"/> as a change of kind added, modified, deleted or opaque.</summary>
public sealed record FileChangeCheck(string Node, string? Message, int Line, string Path, string Change) : LabCheck(Node, Message, Line);

/// <summary>A process whose command is <paramref name="Command"/> runs in the node (<paramref name="Running"/>), or none does.</summary>
public sealed record ProcessCheck(string Node, string? Message, int Line, string Command, bool Running) : LabCheck(Node, Message, Line);
