using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.ApiKeys;

/// <summary>Creates and hashes API key secrets. Keys are long random strings, so one SHA-256 is enough (no stretching needed).</summary>
public static class ApiKeySecret
{
    public const int PrefixLength = 12;
    private const string Marker = "eop_";

    public static string Generate() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string PrefixOf(string secret) => secret.Length <= PrefixLength ? secret : secret[..PrefixLength];

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
