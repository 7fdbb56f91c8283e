namespace ContainerLab.Engine.Runtime;

public enum OciRuntimeKind
{
    Crun,
    Runc,
}
