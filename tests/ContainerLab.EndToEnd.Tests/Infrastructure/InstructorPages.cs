using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests.Infrastructure;

/// <summary>What an instructor does first: the one-time link's account, then a class.</summary>
public static class InstructorPages
{
    /// <summary>Opens the web's first-instructor link in a browser of its own and makes the account "teacher" (Ms Teacher).</summary>
    public static async Task<IPage> FirstInstructorAsync(this LabFixture lab)
    {
        string link = File.ReadAllText(Path.Combine(lab.Web.DataDirectory, "first-instructor-link")).Trim();
        var page = await lab.NewStudentAsync(1400, 900);
        await page.GotoAsync(link);
        await page.FillAsync("#username", "teacher");
        await page.FillAsync("#displayname", "Ms Teacher");
        await page.FillAsync("#password", "correct horse battery");
        await page.FillAsync("#confirm", "correct horse battery");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForPageAsync("/", ".account-status strong");
        return page;
    }

    /// <summary>Creates a class of <paramref name="labs"/> from /classes; returns its join code.</summary>
    public static Task<string> CreateClassAsync(this IPage teacher, string name, params string[] labs) =>
        teacher.CreateClassAsync(name, requireAccount: false, labs);

    public static async Task<string> CreateClassAsync(this IPage teacher, string name, bool requireAccount, params string[] labs)
    {
        await teacher.GotoAsync("/classes");
        await teacher.WaitForSelectorAsync("#name");
        await teacher.FillAsync("#name", name);
        foreach (string lab in labs)
            await teacher.CheckAsync($"input[name=lab][value='{lab}']");
        if (requireAccount)
            await teacher.CheckAsync("input[name=requireAccount]");
        await teacher.ClickAsync("button:has-text('Create the class')");
        await teacher.WaitForSelectorAsync(".join-code", new() { State = WaitForSelectorState.Visible });
        return (await teacher.GetAttributeAsync(".join-code", "data-code"))!;
    }
}
