using System.Net;
using Shouldly;

namespace Portal.Tests.Auth;

public sealed class SignInTests(PortalApp app)
{
    [Fact]
    public async Task WrongPassword_IsRefusedAndAudited()
    {
        // A user of its own: failed attempts on a shared user would race the other tests' sign-ins.
        var email = $"wrong-password-{Guid.NewGuid():N}@test.local";
        await app.CreateUserAsync(email, Domain.Identity.Roles.Viewer);
        using var client = app.Anonymous();

        var response = await PortalApp.SignInAsync(client, email, "not-the-password");

        response.Headers.Location!.OriginalString.ShouldStartWith("/account/login?error=invalid");
        (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM shq.audit_log WHERE action = 'auth.sign_in_failed' AND target_id = '{email}' AND NOT success"))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SuccessfulSignIn_IsAudited()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);

        (await client.GetStringAsync("/api/me", TestContext.Current.CancellationToken)).ShouldContain("Operator");
        (await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM shq.audit_log WHERE action = 'auth.sign_in' AND actor = '{PortalApp.OperatorEmail}'"))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_EvenForTheRightPassword()
    {
        using var client = app.Anonymous();
        var email = PortalApp.AdminEmail.Replace("admin", "lockout-victim", StringComparison.Ordinal);
        await app.CreateUserAsync(email, Domain.Identity.Roles.Viewer);

        for (var i = 0; i < 5; i++)
        {
            await PortalApp.SignInAsync(client, email, "wrong-password");
        }

        var response = await PortalApp.SignInAsync(client, email, PortalApp.Password);

        response.Headers.Location!.OriginalString.ShouldStartWith("/account/login?error=locked");
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = app.Anonymous();

        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = PortalApp.AdminEmail,
            ["password"] = PortalApp.Password,
        }), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await app.SignedInAsync(PortalApp.ViewerEmail);
        var page = await client.GetStringAsync("/runs", TestContext.Current.CancellationToken);
        var token = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("form[action='/account/signout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), TestContext.Current.CancellationToken);

        response.Headers.Location!.OriginalString.ShouldBe("/account/login");
        (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
