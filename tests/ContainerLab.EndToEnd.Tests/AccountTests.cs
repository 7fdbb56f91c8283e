using ContainerLab.TestSupport;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// What the admin and the first instructor do on a fresh server, in chromium: the one-time link the web wrote creates
/// the instructor and signs them in; sign out, a wrong password, sign in again; the link is then spent. On a phone in
/// the dark theme too.
/// </summary>
public sealed class AccountTests(LabFixture lab) : IClassFixture<LabFixture>
{
    private static readonly PageWaitForSelectorOptions Shown = new() { State = WaitForSelectorState.Visible };

    private string Link() => File.ReadAllText(Path.Combine(lab.Web.DataDirectory, "first-instructor-link")).Trim();

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_link_creates_the_first_instructor_who_signs_out_and_in_again_and_the_link_is_then_spent()
    {
        string link = Link();
        var page = await lab.NewStudentAsync(1400, 900);
        await page.GotoAsync(link);
        await page.WaitForSelectorAsync("h1:has-text('The first instructor')");
        await page.FillAsync("#username", "teacher");
        await page.FillAsync("#displayname", "Ms Teacher");
        await page.FillAsync("#password", "correct horse battery");
        await page.FillAsync("#confirm", "correct horse battery");
        await page.ScreenshotAsync("account-setup-1400-light");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForPageAsync("/", ".account-status strong");
        Assert.Equal("teacher", await page.TextContentAsync(".account-status strong"));
        Assert.Contains("(instructor)", await page.TextContentAsync(".account-status span"));
        Assert.False(File.Exists(Path.Combine(lab.Web.DataDirectory, "first-instructor-link")));

        await page.ClickAsync(".account-status button:has-text('Sign out')");
        await page.WaitForSelectorAsync(".account-status a:has-text('Sign in')", Shown);

        // On a phone, in the dark theme: a wrong password says so; the right one signs in.
        var phone = await lab.NewStudentAsync(390, 844, ColorScheme.Dark);
        await phone.GotoAsync("/");
        await phone.ClickAsync(".account-status a:has-text('Sign in')");
        await phone.WaitForPageAsync("/account/login", "#username");
        await phone.FillAsync("#username", "teacher");
        await phone.FillAsync("#password", "not the password");
        await phone.ClickAsync("button[type=submit]");
        await phone.WaitForSelectorAsync(".form-error:has-text('Wrong user name or password.')", Shown);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the sign-in page is wider than a phone");
        await phone.ScreenshotAsync("account-login-error-390-dark");
        await phone.FillAsync("#password", "correct horse battery");
        await phone.ClickAsync("button[type=submit]");
        await phone.WaitForPageAsync("/", ".account-status strong");
        await phone.ScreenshotAsync("account-home-signed-in-390-dark");

        // The link is spent: another browser is told so and gets no form.
        var other = await lab.NewStudentAsync();
        await other.GotoAsync(link);
        await other.WaitForSelectorAsync(".form-error:has-text('This link has been used or is no longer valid.')", Shown);
        Assert.Equal(0, await other.Locator("#username").CountAsync());
        foreach (var context in new[] { page.Context, phone.Context, other.Context })
            await context.CloseAsync();
    }
}
