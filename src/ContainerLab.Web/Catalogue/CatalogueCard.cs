using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Format;

namespace ContainerLab.Web.Catalogue;

public enum LabProgress { NotStarted, InProgress, Finished }

/// <summary>One lab as the catalogue shows it to this browser's learner: can it start here, and how far they got.</summary>
public sealed record CatalogueCard(Lab Lab, LabReadiness Readiness, int StepsPassed)
{
    public LabProgress Progress => StepsPassed == 0 ? LabProgress.NotStarted
        : StepsPassed >= Lab.Steps.Count ? LabProgress.Finished : LabProgress.InProgress;

    /// <param name="images">The host's images, or null when it did not answer (then every lab is offered).</param>
    /// <param name="passed">The learner's passed steps per lab (<see cref="Progress.ProgressLog.PassedByLabAsync"/>).</param>
    public static IReadOnlyList<CatalogueCard> For(IEnumerable<Lab> labs, IReadOnlyList<ImageDto>? images,
        IReadOnlyDictionary<string, IReadOnlySet<string>> passed) =>
        [.. labs.Select(lab => new CatalogueCard(lab, LabAvailability.Of(lab, images),
            passed.TryGetValue(lab.Id, out var steps) ? lab.Steps.Count(s => steps.Contains(s.Id)) : 0))];
}
