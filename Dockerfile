# CleanAgent server image: built with the .NET SDK, run on the ASP.NET Core runtime as the image's non-root user, with
# the SQLite database and call recordings on the /data volume. Untested where this was written (no Docker engine
# there): see README, Operations.
#
#   docker build -t cleanagent .
#   docker run -d -p 8080:8080 -v cleanagent-data:/data cleanagent
#   docker run --rm -v cleanagent-data:/data cleanagent admin create-organization --name Acme

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The project files first: the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/CleanAgent.Domain.csproj src/Domain/
COPY src/Application/CleanAgent.Application.csproj src/Application/
COPY src/Infrastructure/CleanAgent.Infrastructure.csproj src/Infrastructure/
COPY src/Web/CleanAgent.Web.csproj src/Web/
RUN dotnet restore src/Web/CleanAgent.Web.csproj
COPY src/ src/
RUN dotnet publish src/Web/CleanAgent.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The volume's folder belongs to the non-root user the server runs as ($APP_UID, set by the base image).
RUN mkdir -p /data/recordings && chown -R "$APP_UID" /data
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__DataFolder=/data \
    Voice__Recording__Folder=/data/recordings
VOLUME /data
EXPOSE 8080
USER $APP_UID
# No HEALTHCHECK: the runtime image has no HTTP client; point the orchestrator's check at /health/ready.
ENTRYPOINT ["dotnet", "CleanAgent.Web.dll"]
