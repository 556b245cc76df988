# Build: the SDK image restores, builds and publishes the portal (the Blazor client script is
# generated during the build, see build/BlazorScript.targets).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY src/ src/
RUN dotnet publish src/Portal/Portal.csproj -c Release -o /app --no-self-contained

# Run: the ASP.NET runtime image, as a non-root user. One image serves every role:
# Portal__Role=all (default) | web | worker. `migrate` applies the database migrations and exits.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Portal__Role=all
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Portal.dll"]
