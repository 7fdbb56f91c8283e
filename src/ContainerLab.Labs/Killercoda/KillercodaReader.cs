using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// Reads a Killercoda scenario folder: index.json (title, description, details: intro, steps, finish, assets;
/// backend.imageid) and every file it names. Nothing in the folder makes it throw or read outside it: malformed JSON,
/// a mistyped field, a missing file, "..", an absolute path, a symlink, an oversize file all become problems with file
/// and line. What Killercoda has and a lab does not (other hosts, the interface layout, unknown fields) become notes.
/// </summary>
public static partial class KillercodaReader
{
    public const string IndexName = "index.json";
    public const string SolutionWord = "solution";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    [GeneratedRegex(@"^([ugoa]*[-+=][rwxXst]*)(,[ugoa]*[-+=][rwxXst]*)*$|^[0-7]{1,4}$")]
    private static partial Regex ChmodMode();

    public static KillercodaReadResult Read(string scenarioDirectory)
    {
        var problems = new List<LabProblem>();
        var notes = new List<LabProblem>();
        try
        {
            return Read(scenarioDirectory, problems, notes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new LabProblem(scenarioDirectory, 0, $"could not be read: {e.Message}"));
            return new KillercodaReadResult(null, problems, notes);
        }
    }

    private static KillercodaReadResult Read(string scenarioDirectory, List<LabProblem> problems, List<LabProblem> notes)
    {
        if (ScenarioFolder.Open(scenarioDirectory, problems) is not { } folder)
            return new KillercodaReadResult(null, problems, notes);
        if (!folder.Exists(IndexName))
        {
            problems.Add(new LabProblem(IndexName, 0, "missing: a Killercoda scenario folder has an index.json"));
            return new KillercodaReadResult(null, problems, notes);
        }
        if (folder.Read(IndexName, ScenarioFolder.MaxIndexBytes) is not { } json)
            return new KillercodaReadResult(null, problems, notes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            problems.Add(new LabProblem(IndexName, (int)(e.LineNumber ?? -1) + 1, $"not valid JSON: {(cut > 0 ? message[..cut] : message)}"));
            return new KillercodaReadResult(null, problems, notes);
        }
        using (document)
        {
            var lines = JsonLineIndex.Build(json, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
            var scenario = new IndexParser(folder, lines, problems, notes).Parse(document.RootElement);
            return new KillercodaReadResult(problems.Count == 0 ? scenario : null, problems, notes);
        }
    }

    /// <summary>
    /// The solution convention (docs/KILLERCODA.md): beside a step's verify script, the same name with "verify"
    /// replaced by "solution" (step1/verify.sh -> step1/solution.sh, verify-2.sh -> solution-2.sh). Null when the name
    /// has no "verify" in it.
    /// </summary>
    public static string? SolutionBeside(string verify)
    {
        string name = Path.GetFileName(verify);
        int at = name.LastIndexOf("verify", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return null;
        string directory = verify[..^name.Length];
        return directory + name[..at] + SolutionWord + name[(at + "verify".Length)..];
    }

    private sealed class IndexParser(ScenarioFolder folder, JsonLineIndex lines, List<LabProblem> problems, List<LabProblem> notes)
    {
        private static readonly string[] PageFields = ["title", "text", "background", "foreground"];

        public KillercodaScenario? Parse(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("", "the top level of index.json must be an object ({ \"title\": ..., \"details\": ... })");
                return null;
            }
            OnlyKnown(root, "", "title", "description", "details", "backend", "interface", "difficulty", "time");
            string title = String(root, "", "title") ?? Path.GetFileName(folder.Root);
            if (!root.TryGetProperty("title", out _))
                Note("", $"no title; the lab is called '{title}' after the folder");
            string description = String(root, "", "description") ?? "";
            int? minutes = Minutes(root);
            string? imageId = Object(root, "", "backend") is { } backend ? String(backend, "backend", "imageid") : null;
            if (imageId is null)
                Note("backend", "no backend.imageid");
            if (Object(root, "", "interface") is { } ui)
                Note("interface", $"the interface ({ui.GetRawText().ReplaceLineEndings(" ")}) is not converted: a lab shows its text beside a terminal");

            var pages = new List<KillercodaPage>();
            var assets = new List<KillercodaAsset>();
            if (!root.TryGetProperty("details", out _))
                Note("", "no 'details': a playground (a title and a backend only), imported as one free step with a terminal");
            if (Object(root, "", "details") is { } details)
            {
                OnlyKnown(details, "details", "intro", "steps", "finish", "assets");
                var declared = new List<KillercodaPage?>();
                if (Object(details, "details", "intro") is { } intro)
                    declared.Add(Page(intro, "details.intro", KillercodaPageKind.Intro, "intro", "Introduction"));
                int number = 0;
                foreach (var (step, path) in Array(details, "details", "steps"))
                {
                    number++;
                    declared.Add(AsObject(step, path, "a step") is { } map
                        ? Page(map, path, KillercodaPageKind.Step, $"step{number}", $"Step {number}")
                        : null);
                }
                if (Object(details, "details", "finish") is { } finish)
                    declared.Add(Page(finish, "details.finish", KillercodaPageKind.Finish, "finish", "Finish"));
                if (declared.Count == 0)
                    Note("details", "no intro, steps or finish: a playground, imported as one free step with a terminal");
                pages.AddRange(declared.OfType<KillercodaPage>());
                if (Object(details, "details", "assets") is { } hosts)
                    assets.AddRange(Assets(hosts));
                foreach (var clash in assets.GroupBy(a => a.TargetPath).Where(g => g.Select(a => a.Source).Distinct().Count() > 1))
                    Note("details.assets", $"{string.Join(", ", clash.Select(a => a.Source).Distinct())} all go to {clash.Key} (a file keeps only its name): the last one listed is what the node has");
            }
            return problems.Count == 0
                ? new KillercodaScenario(folder.Root, title, description, minutes, imageId, pages, assets, folder.Files)
                : null;
        }

        private KillercodaPage? Page(JsonElement page, string path, KillercodaPageKind kind, string id, string fallbackTitle)
        {
            OnlyKnown(page, path, kind == KillercodaPageKind.Step ? [.. PageFields, "verify"] : PageFields);
            string? title = String(page, path, "title");
            if (title is null && kind == KillercodaPageKind.Step)
                Note(path, $"the step has no title; it is called '{fallbackTitle}'");
            string? text = File(page, path, "text", required: true, script: false);
            string? verify = kind == KillercodaPageKind.Step ? File(page, path, "verify", required: false, script: true) : null;
            string? background = File(page, path, "background", required: false, script: true);
            string? foreground = File(page, path, "foreground", required: false, script: true);
            string? solution = null;
            if (verify is not null && SolutionBeside(verify) is { } beside && folder.Exists(beside))
                solution = folder.Read(beside, ScenarioFolder.MaxScriptBytes) is null ? null : beside;
            return text is null ? null
                : new KillercodaPage(kind, id, title ?? fallbackTitle, text, verify, solution, background, foreground, lines.LineOf(path));
        }

        private string? File(JsonElement page, string path, string key, bool required, bool script)
        {
            if (String(page, path, key, required) is not { } relative)
                return null;
            string? resolved = folder.Resolve(relative, key, lines.LineOf($"{path}.{key}"));
            if (resolved is null)
                return null;
            bool read = script ? folder.Read(resolved, ScenarioFolder.MaxScriptBytes) is not null : folder.ReadText(resolved) is not null;
            return read ? resolved : null;
        }

        private IEnumerable<KillercodaAsset> Assets(JsonElement hosts)
        {
            foreach (var host in hosts.EnumerateObject())
            {
                string path = "details.assets." + host.Name;
                if (host.Name != "host01")
                {
                    Note(path, $"assets for {host.Name} are not imported: the lab has one node, which is host01");
                    continue;
                }
                if (host.Value.ValueKind != JsonValueKind.Array)
                {
                    Problem(path, "must be a list of { \"file\": ..., \"target\": ... }");
                    continue;
                }
                int i = 0;
                foreach (var item in host.Value.EnumerateArray())
                {
                    string itemPath = $"{path}[{i++}]";
                    if (AsObject(item, itemPath, "an asset") is not { } asset)
                        continue;
                    OnlyKnown(asset, itemPath, "file", "target", "chmod");
                    string? file = String(asset, itemPath, "file", required: true);
                    string? target = Target(asset, itemPath);
                    string? chmod = String(asset, itemPath, "chmod");
                    if (chmod is not null && !ChmodMode().IsMatch(chmod))
                        Problem(itemPath + ".chmod", $"chmod '{chmod}' is not a mode such as +x, 0755 or u+rw,go-w");
                    if (file is null || target is null)
                        continue;
                    foreach (string source in AssetFiles(file, itemPath + ".file"))
                        yield return new KillercodaAsset(source, target, chmod, lines.LineOf(itemPath));
                }
            }
        }

        /// <summary>The files an asset names, relative to the scenario folder (assets/...); patterns as <see cref="AssetGlob"/> says.</summary>
        private IEnumerable<string> AssetFiles(string file, string path)
        {
            int line = lines.LineOf(path);
            if (!AssetGlob.IsPattern(file))
            {
                if (folder.Resolve("assets/" + file, "asset", line) is { } one && folder.Read(one, ScenarioFolder.MaxFileBytes) is not null)
                    yield return one;
                yield break;
            }
            if (!ScenarioFolder.IsRelativeInside(file))
            {
                Problem(path, $"asset '{file}' must be a path inside the scenario's assets/ folder (relative, without '..')");
                yield break;
            }
            var matches = AssetGlob.Match(file, folder.FilesBelow("assets"));
            if (matches.Count == 0)
                Problem(path, $"asset '{file}' matches no file in the scenario's assets/ folder");
            foreach (string match in matches)
                if (folder.Read("assets/" + match, ScenarioFolder.MaxFileBytes) is not null)
                    yield return "assets/" + match;
        }

        private string? Target(JsonElement asset, string path)
        {
            if (String(asset, path, "target", required: true) is not { } target)
                return null;
            string expanded = target == "~" ? "/root" : target.StartsWith("~/", StringComparison.Ordinal) ? "/root/" + target[2..] : target;
            if (!expanded.StartsWith('/') || expanded.Split('/').Contains("..") || expanded.Any(char.IsControl))
            {
                Problem(path + ".target", $"target '{target}' must be an absolute folder in the node (or ~/...), without '..'");
                return null;
            }
            return expanded.Length > 1 ? expanded.TrimEnd('/') : expanded;
        }

        private int? Minutes(JsonElement root)
        {
            if (String(root, "", "time") is not { } time)
                return null;
            string digits = new([.. time.TakeWhile(char.IsAsciiDigit)]);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) && minutes is > 0 and <= 600)
                return time.Contains("hour", StringComparison.OrdinalIgnoreCase) ? Math.Min(600, minutes * 60) : minutes;
            Note("time", $"time '{time}' is not a number of minutes; the lab says 15");
            return null;
        }

        private string? String(JsonElement map, string path, string key, bool required = false)
        {
            string at = path.Length == 0 ? key : $"{path}.{key}";
            if (!map.TryGetProperty(key, out var value))
            {
                if (required)
                    Problem(path, $"'{key}' is required");
                return null;
            }
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                return text;
            Problem(at, $"'{key}' must be a non-empty text");
            return null;
        }

        private JsonElement? Object(JsonElement map, string path, string key, bool required = false)
        {
            if (!map.TryGetProperty(key, out var value))
            {
                if (required)
                    Problem(path, $"'{key}' is required");
                return null;
            }
            return AsObject(value, path.Length == 0 ? key : $"{path}.{key}", $"'{key}'");
        }

        private JsonElement? AsObject(JsonElement value, string path, string what)
        {
            if (value.ValueKind == JsonValueKind.Object)
                return value;
            Problem(path, $"{what} must be an object ({{ \"key\": value, ... }})");
            return null;
        }

        private IEnumerable<(JsonElement Item, string Path)> Array(JsonElement map, string path, string key)
        {
            if (!map.TryGetProperty(key, out var value))
                return [];
            if (value.ValueKind != JsonValueKind.Array)
            {
                Problem($"{path}.{key}", $"'{key}' must be a list ([ ... ])");
                return [];
            }
            return value.EnumerateArray().Select((item, i) => (item, $"{path}.{key}[{i}]")).ToList();
        }

        private void OnlyKnown(JsonElement map, string path, params string[] known)
        {
            foreach (var property in map.EnumerateObject().Where(p => !known.Contains(p.Name)))
                Note(path.Length == 0 ? property.Name : $"{path}.{property.Name}", $"'{property.Name}' is not converted (a lab has no such field)");
        }

        private void Problem(string path, string message) => problems.Add(new LabProblem(IndexName, lines.LineOf(path), message));

        private void Note(string path, string message) => notes.Add(new LabProblem(IndexName, lines.LineOf(path), message));
    }
}
