using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// An import: <paramref name="Problems"/> say why it was refused (then nothing was written), <paramref name="Notes"/>
/// what did not carry over; <paramref name="Validation"/> is the written lab read back as `labs validate` reads it.
/// </summary>
public sealed record KillercodaImportResult(
    IReadOnlyList<LabProblem> Problems,
    IReadOnlyList<LabProblem> Notes,
    ConvertedLab? Lab,
    LabLoadResult? Validation)
{
    public bool Written => Validation is not null;
}

/// <summary>`clabctl labs import-killercoda SOURCE DEST`: read the scenario, convert it, write the lab folder, validate it.</summary>
public static class KillercodaImporter
{
    public static KillercodaImportResult Import(string source, string destination, KillercodaImportOptions options, bool force = false)
    {
        var problems = new List<LabProblem>();
        LabFolderWriter.CheckDestination(destination, source, force, problems);
        var read = KillercodaReader.Read(source);
        problems.AddRange(read.Problems);
        if (read.Scenario is null || problems.Count > 0)
            return new KillercodaImportResult(problems, read.Notes, null, null);
        var (lab, refused) = KillercodaConverter.Convert(read.Scenario, options, read.Notes);
        if (lab is null)
            return new KillercodaImportResult(refused, read.Notes, null, null);
        try
        {
            LabFolderWriter.Write(destination, lab.Files, replace: force);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new KillercodaImportResult([new LabProblem(destination, 0, $"could not be written: {e.Message}")], lab.Notes, lab, null);
        }
        return new KillercodaImportResult([], lab.Notes, lab, LabLoader.Load(destination));
    }
}
