using System.Globalization;
using System.Text.Json;

namespace ContainerLab.Engine.Networking.Inspection;

/// <summary>Reads the output of `ip -j -d addr show` (iproute2's JSON: one object per link, addresses inside).</summary>
public static class IpAddrJson
{
    public static IReadOnlyList<InspectedLink> Parse(string json)
    {
        using var document = JsonDocument.Parse(json.Length == 0 ? "[]" : json);
        var links = new List<InspectedLink>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            var flags = link.TryGetProperty("flags", out var f) ? f.EnumerateArray().Select(x => x.GetString()).ToList() : [];
            var addresses = new List<string>();
            if (link.TryGetProperty("addr_info", out var info))
                foreach (var address in info.EnumerateArray())
                    if (String(address, "family") == "inet" && String(address, "local") is { } local)
                        addresses.Add(string.Create(CultureInfo.InvariantCulture, $"{local}/{Int(address, "prefixlen") ?? 32}"));
            string kind = link.TryGetProperty("linkinfo", out var linkInfo) ? String(linkInfo, "info_kind") ?? "" : "";
            links.Add(new InspectedLink(
                String(link, "ifname") ?? "",
                Int(link, "ifindex") ?? 0,
                kind,
                String(link, "address") ?? "",
                flags.Contains("UP"),
                String(link, "operstate") ?? "UNKNOWN",
                addresses,
                // A peer in another namespace is link_index + link_netnsid; one in the same namespace is just named ("link").
                Int(link, "link_index"),
                Int(link, "link_netnsid"),
                String(link, "master")));
        }
        return links;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : null;
}
