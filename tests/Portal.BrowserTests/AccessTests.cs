using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed partial class AccessTests(PortalApp app) : BrowserTest(app)
{
    private const string ViewerEmail = "viewer@test.local";
    private const string ViewerPassword = "Viewer-pass-42";

    [Fact]
    public async Task Wrong_password_is_refused_and_a_viewer_added_in_settings_cannot_trigger_or_administer()
    {
        // The admin adds a viewer through the Settings page.
        var admin = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(admin, "/settings");
        await admin.Locator("input[name=newEmail]").FillAsync(ViewerEmail);
        await admin.Locator("input[name=newPassword]").FillAsync(ViewerPassword);
        await Expect(admin.Locator(".rz-dropdown[name=newRole], .rz-dropdown:has(input[name=newRole])").First).ToContainTextAsync("Viewer");
        await admin.GetByTestId("add-user").ClickAsync();
        await Expect(admin.Locator(".rz-notification")).ToContainTextAsync($"Added {ViewerEmail}");
        await Expect(admin.GetByTestId("users-grid")).ToContainTextAsync(ViewerEmail);

        // The admin sees the trigger button the viewer must not see.
        await Ui.GotoAsync(admin, "/jobs");
        await Expect(admin.GetByTestId("trigger-demo-count")).ToBeVisibleAsync();

        // A wrong password shows the error and signs nobody in.
        var viewer = await NewPageAsync(asAdmin: false);
        await Ui.SubmitSignInAsync(viewer, ViewerEmail, ViewerPassword + "x");
        await Expect(viewer).ToHaveURLAsync(LoginErrorUrl());
        await Expect(viewer.GetByTestId("login-error")).ToContainTextAsync("Wrong email or password.");
        await viewer.GotoAsync("/jobs");
        await Expect(viewer).ToHaveURLAsync(LoginUrl());

        // The right one signs the viewer in.
        await Ui.SignInAsync(viewer, ViewerEmail, ViewerPassword);
        await Expect(viewer.GetByTestId("signed-in-user")).ToContainTextAsync("(Viewer)");
        await Expect(Ui.SidebarLink(viewer, "Jobs")).ToBeVisibleAsync();
        await Expect(Ui.SidebarLink(viewer, "Settings")).ToHaveCountAsync(0);
        await Expect(Ui.SidebarLink(viewer, "Audit")).ToHaveCountAsync(0);

        await Ui.GotoAsync(viewer, "/jobs");
        await Expect(viewer.GetByTestId("jobs-grid")).ToContainTextAsync("Demo: count slowly");
        await Expect(viewer.GetByTestId("trigger-demo-count")).ToHaveCountAsync(0);

        // Navigating inside the circuit: the router refuses the page.
        await viewer.EvaluateAsync("() => Blazor.navigateTo('/settings')");
        await Expect(viewer).ToHaveURLAsync(new Uri(App.BaseUrl, "/settings").ToString());
        await Expect(viewer.GetByText("You do not have the role this page needs.")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("add-user")).ToHaveCountAsync(0);

        // Loading it directly: the server refuses it.
        foreach (var path in new[] { "/settings", "/audit" })
        {
            await viewer.GotoAsync(path);
            await Expect(viewer).ToHaveURLAsync(DeniedUrl());
            await Expect(Ui.Heading(viewer)).ToHaveTextAsync("Access denied");
        }

        ShouldHaveNoBrowserErrors();
    }

    [GeneratedRegex(@"/account/login\?(.*&)?error=invalid")]
    private static partial Regex LoginErrorUrl();

    [GeneratedRegex(@"/account/login(\?.*)?$")]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"/account/denied(\?.*)?$")]
    private static partial Regex DeniedUrl();
}
