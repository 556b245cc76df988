using Portal.Domain.Identity;

namespace Portal.Auth;

/// <summary>Authorization policy names: one per role, each satisfied by that role or a higher one.</summary>
public static class Policies
{
    public const string Viewer = Roles.Viewer;
    public const string Operator = Roles.Operator;
    public const string Admin = Roles.Admin;
}
