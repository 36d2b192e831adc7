#!/usr/bin/env bash
# Builds the four service images and the web app's from their src/main/docker/Dockerfile.jvm. Needs a container engine (docker or
# podman); the Maven build never calls this, so machines without one (CI here) are unaffected.
#   deploy/images/build.sh [tag]            # default tag: the project version, e.g. 0.1.0-SNAPSHOT
#   REGISTRY=registry.example.com/verity deploy/images/build.sh 0.1.0 && docker push ...
# Pin the base image by digest for a release: BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime@sha256:...
set -euo pipefail
cd "$(dirname "$0")/../.."
ENGINE=${ENGINE:-$(command -v docker || command -v podman || true)}
[[ -n "$ENGINE" ]] || { echo "no docker or podman on this machine: nothing to build images with" >&2; exit 1; }
TAG=${1:-$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout)}
REGISTRY=${REGISTRY:-verity}
BUILD_ARGS=()
[[ -n "${BASE_IMAGE:-}" ]] && BUILD_ARGS+=(--build-arg "BASE_IMAGE=$BASE_IMAGE")

mvn -B -q package -DskipTests -pl card-service,verification-service,search-service,notification-service,web -am
for service in card-service verification-service search-service notification-service web; do
  echo "[images] $REGISTRY/$service:$TAG"
  "$ENGINE" build "${BUILD_ARGS[@]}" -f "$service/src/main/docker/Dockerfile.jvm" -t "$REGISTRY/$service:$TAG" "$service"
done
