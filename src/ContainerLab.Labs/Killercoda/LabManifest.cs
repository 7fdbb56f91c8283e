using System.Globalization;
using System.Text;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// Writes lab.yaml (schema 1) for an imported scenario, for an instructor to read and edit: the notes of the import as
/// comments on top, every text value double-quoted (so no title can turn into YAML syntax), one step per page.
/// </summary>
internal static class LabManifest
{
    public const int DefaultMinutes = 15;

    public static string Write(KillercodaScenario scenario, string image, IReadOnlyList<ConvertedStep> steps, IReadOnlyList<LabProblem> notes)
    {
        var yaml = new StringBuilder();
        yaml.Append("# Imported from a Killercoda scenario by `clabctl labs import-killercoda`; docs/KILLERCODA.md says what is converted.\n");
        if (notes.Count > 0)
        {
            yaml.Append("# Notes of the import (what did not carry over):\n");
            foreach (var note in notes)
                yaml.Append("#   ").Append(OneLine(note.ToString())).Append('\n');
        }
        yaml.Append("schema: ").Append(Lab.SchemaVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("title: ").Append(Quote(scenario.Title)).Append('\n');
        if (scenario.Description.Length > 0)
            yaml.Append("summary: ").Append(Quote(scenario.Description)).Append('\n');
        yaml.Append("minutes: ").Append((scenario.Minutes ?? DefaultMinutes).ToString(CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("sequential: true\n");
        yaml.Append("nodes:\n  node1:\n    image: ").Append(Quote(image)).Append('\n');
        yaml.Append("steps:\n");
        foreach (var step in steps)
        {
            yaml.Append("  - id: ").Append(step.Id).Append('\n');
            yaml.Append("    title: ").Append(Quote(step.Title)).Append('\n');
            yaml.Append("    text: ").Append(Quote(step.Text)).Append('\n');
            if (step.Setup is { } setup)
                yaml.Append("    setup: ").Append(Quote(setup)).Append('\n');
            if (step.Solution is { } solution)
                yaml.Append("    solution: ").Append(Quote(solution)).Append("  # ").Append(OneLine(step.SolutionFrom ?? "")).Append('\n');
            else if (step.SolutionFrom is { } from)
                yaml.Append("    # solution: ").Append(OneLine(from)).Append('\n');
            if (step.Check is { } check)
                yaml.Append("    checks:\n      - script: ").Append(Quote(check)).Append('\n');
            if (step.UncheckedVerify is { } verify)
                yaml.Append("    # not checked: ").Append(OneLine(verify)).Append(" has no solution to prove it with; add a solution: and\n")
                    .Append("    # checks:\n    #   - script: ").Append(Quote(verify)).Append('\n');
        }
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar: backslash, quote and control characters escaped, a lone surrogate replaced.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsSurrogatePair(value, i))
                quoted.Append(c).Append(value[++i]);
            else if (char.IsSurrogate(c))
                quoted.Append('\uFFFD');
            else if (c is '"' or '\\')
                quoted.Append('\\').Append(c);
            else if (c == '\n')
                quoted.Append("\\n");
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// <paramref name="text"/> made safe for one comment line of YAML or sh: every control character and Unicode line
    /// or paragraph separator (YAML 1.1 breaks lines at U+0085, U+2028, U+2029) becomes a space, so text from a
    /// scenario (a title, a field's name) can never start a line of its own.
    /// </summary>
    public static string OneLine(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) || source[i] is '\u2028' or '\u2029' ? ' ' : source[i];
        });
}
