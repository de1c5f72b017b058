#!/usr/bin/env bash
# Static checks of the production Docker files; needs no Docker engine.
#
#   docker/check.sh              all checks (run ./mvnw -DskipTests package first)
#   docker/check.sh --no-build   skip the checks that need the packaged apps (*/target/quarkus-app)
#
# 1. Dockerfiles: every COPY source exists in the packaged fast-jar and is let through by the Dockerfile's own
#    .dockerignore; EXPOSE, QUARKUS_HTTP_PORT and the app's quarkus.http.port agree; non-root USER; HEALTHCHECK.
# 2. Configuration keys: every LABSCALE_* / QUARKUS_* variable set for an app (compose.yaml environment, Dockerfile
#    ENV, k8s env) is a key that app reads: a leaf of one of its @ConfigMapping interfaces (LABSCALE_S3_ACCESS_KEY
#    -> labscale.s3.access-key -> s3().accessKey()) or a key in its src/main/resources/application*.properties.
# 3. Secrets: every ${VAR} compose interpolates is documented in .env.example; .env.example and compose.yaml carry
#    no secret values.
# 4. Linters, each only where installed: yamllint, hadolint, shellcheck, docker compose / docker-compose (config).
#
# Exit status: 0 when nothing failed, 1 otherwise. Skipped checks say why.
set -euo pipefail

DOCKER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$DOCKER_DIR")
NO_BUILD=false
for arg in "$@"; do
    case "$arg" in
        --no-build) NO_BUILD=true ;;
        -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

# Quarkus runtime keys that are valid without appearing in an application.properties.
QUARKUS_BUILTIN_KEYS=(QUARKUS_HTTP_HOST QUARKUS_LOG_LEVEL)

FAILURES=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok()      { printf 'ok    %s\n' "$*"; }
fail()    { printf 'FAIL  %s\n' "$*"; FAILURES=$((FAILURES + 1)); }
skip()    { printf 'skip  %s\n' "$*"; }
section() { printf '\n== %s\n' "$*"; }

# The app module a compose service, Dockerfile or k8s manifest runs ("" when it is not one of ours).
module_of() {
    case "$1" in
        platform-api*) echo platform-api ;;
        gpu-worker*)   echo gpu-worker ;;
        web-ui*)       echo web-ui ;;
        *)             echo "" ;;
    esac
}

# labscale.s3.access-key -> LABSCALE_S3_ACCESS_KEY (the environment-variable rule of SmallRye Config).
envify() { tr '[:lower:]' '[:upper:]' | sed 's/[^A-Z0-9]/_/g'; }

# The dotted keys of every @ConfigMapping interface in one Java file: the leaves of the interface tree under its
# prefix, nested interfaces being groups. Handles Optional<...>, @WithName; not Map/List groups (reported as unknown).
mapping_keys_of_file() {
    awk '
    function kebab(n,   out, i, c) {
        out = ""
        for (i = 1; i <= length(n); i++) {
            c = substr(n, i, 1)
            if (c ~ /[A-Z]/) { if (i > 1) out = out "-"; out = out tolower(c) } else out = out c
        }
        return out
    }
    function walk(iface, prefix,   i, n, key, t) {
        n = count[iface]
        for (i = 1; i <= n; i++) {
            key = prefix "." (mwith[iface, i] != "" ? mwith[iface, i] : kebab(mname[iface, i]))
            t = mtype[iface, i]
            if (t in isiface) walk(t, key); else print key
        }
    }
    {
        line = $0
        if (match(line, /@ConfigMapping\(prefix *= *"[^"]*"/)) {
            p = substr(line, RSTART, RLENGTH); sub(/^[^"]*"/, "", p); sub(/"$/, "", p); pending = p
        }
        if (match(line, /@WithName\("[^"]*"\)/)) {
            w = substr(line, RSTART, RLENGTH); sub(/^[^"]*"/, "", w); sub(/"\)$/, "", w); withname = w
        }
        t = line; sub(/^[ \t]+/, "", t)
        if (t ~ /^(\*|\/\*|\/\/)/) next                      # comment lines (javadoc and all)
        gsub(/"([^"\\]|\\.)*"/, "\"\"", line)                # string literals may hold braces
        gsub(/@[A-Za-z.]+(\([^)]*\))?/, "", line)             # annotations
        if (match(line, /(^|[^A-Za-z0-9_])interface[ \t]+[A-Za-z0-9_]+/)) {
            nm = substr(line, RSTART, RLENGTH); sub(/.*interface[ \t]+/, "", nm)
            isiface[nm] = 1
            if (pending != "" && root == "") { root = nm; rootprefix = pending; pending = "" }
            stack[++sp] = nm; sdepth[sp] = depth
        } else if (sp > 0 && depth == sdepth[sp] + 1 \
                   && match(line, /[a-z][A-Za-z0-9_]*[ \t]*\([ \t]*\)[ \t]*;/) && line !~ /(default|static)[ \t]/) {
            nm = substr(line, RSTART, RLENGTH); sub(/[ \t]*\(.*/, "", nm)
            ty = substr(line, 1, RSTART - 1); gsub(/^[ \t]+|[ \t]+$/, "", ty); sub(/^(public|abstract)[ \t]+/, "", ty)
            if (ty ~ /^Optional<.*>$/) { sub(/^Optional</, "", ty); sub(/>$/, "", ty) }
            cur = stack[sp]; k = ++count[cur]
            mname[cur, k] = nm; mtype[cur, k] = ty; mwith[cur, k] = withname
            withname = ""
        }
        opens = gsub(/\{/, "{", line); closes = gsub(/\}/, "}", line)
        depth += opens - closes
        while (sp > 0 && depth <= sdepth[sp]) sp--
    }
    END { if (root != "") walk(root, rootprefix) }
    ' "$1"
}

# Every key a module knows, one per line: ENV_FORM<TAB>dotted.key<TAB>where it was found.
known_keys() {
    local module=$1 f
    while IFS= read -r f; do
        mapping_keys_of_file "$f" | while IFS= read -r key; do
            printf '%s\t%s\t%s\n' "$(printf '%s' "$key" | envify)" "$key" "@ConfigMapping ${f#"$ROOT"/}"
        done
    done < <(grep -rl --include='*.java' '@ConfigMapping' "$ROOT/$module/src/main/java" 2>/dev/null || true)
    for f in "$ROOT/$module"/src/main/resources/application*.properties; do
        [ -f "$f" ] || continue
        grep -Ev '^[[:space:]]*([#!]|$)' "$f" | sed -E 's/^[[:space:]]*%[^.]+\.//; s/[[:space:]]*[=:].*$//' \
            | while IFS= read -r key; do
                printf '%s\t%s\t%s\n' "$(printf '%s' "$key" | envify)" "$key" "${f#"$ROOT"/}"
            done
    done
}

# Checks one variable set for a module; $3 says where it is set.
check_key() {
    local module=$1 var=$2 where=$3 hit builtin
    if [ -z "$module" ]; then
        fail "$where: $var is set for something that is not a Labscale app"
        return
    fi
    [ -s "$TMP/keys.$module" ] || known_keys "$module" > "$TMP/keys.$module"
    hit=$(awk -F'\t' -v v="$var" '$1 == v { print $2 " (" $3 ")"; exit }' "$TMP/keys.$module")
    if [ -n "$hit" ]; then
        ok "$where: $var -> $hit"
        return
    fi
    for builtin in "${QUARKUS_BUILTIN_KEYS[@]}"; do
        if [ "$var" = "$builtin" ]; then ok "$where: $var -> Quarkus built-in"; return; fi
    done
    fail "$where: $var is no key that $module knows (no @ConfigMapping leaf, not in its application.properties)"
}

# ---------------------------------------------------------------------------------------------------------------
section "1. Dockerfiles"
for df in "$DOCKER_DIR"/*.Dockerfile; do
    name=$(basename "$df" .Dockerfile)
    module=$(module_of "$name")
    rel=${df#"$ROOT"/}
    if [ -z "$module" ]; then fail "$rel: no app module for this Dockerfile"; continue; fi
    ignore="$df.dockerignore"
    # Instructions with their continuation lines joined.
    instructions=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$df" | grep -Ev '^[[:space:]]*#')

    while read -r _ rest; do
        # shellcheck disable=SC2206 # word splitting is the point: COPY [--flags] src... dest
        args=($rest)
        srcs=()
        for a in "${args[@]}"; do [[ $a == --* ]] || srcs+=("$a"); done
        unset 'srcs[${#srcs[@]}-1]'                     # the last one is the destination
        for src in "${srcs[@]}"; do
            if [ -f "$ignore" ] && ! grep -E '^!' "$ignore" | sed 's/^!//; s:/*$::' \
                    | while IFS= read -r allowed; do [[ ${src%/} == "$allowed"* ]] && echo yes; done | grep -q yes; then
                fail "$rel: COPY $src is excluded by $(basename "$ignore")"
            fi
            if $NO_BUILD; then continue; fi
            if compgen -G "$ROOT/${src%/}" > /dev/null; then
                ok "$rel: COPY $src exists"
            else
                fail "$rel: COPY $src does not exist (run ./mvnw -DskipTests package)"
            fi
        done
    done < <(printf '%s\n' "$instructions" | grep -E '^[[:space:]]*COPY[[:space:]]' | grep -v -- '--from=')

    if $NO_BUILD; then
        skip "$rel: COPY sources not checked (--no-build)"
    elif [ -f "$ROOT/$module/target/quarkus-app/quarkus-run.jar" ]; then
        ok "$rel: $module/target/quarkus-app/quarkus-run.jar exists"
    else
        fail "$rel: $module/target/quarkus-app/quarkus-run.jar missing (run ./mvnw -DskipTests package)"
    fi

    expose=$(printf '%s\n' "$instructions" | awk '$1 == "EXPOSE" { print $2 }' | head -1)
    env_port=$(printf '%s\n' "$instructions" | grep -E '^[[:space:]]*ENV' | grep -oE 'QUARKUS_HTTP_PORT=[0-9]+' \
        | cut -d= -f2 | head -1 || true)
    app_port=$(grep -hE '^[[:space:]]*quarkus\.http\.port[[:space:]]*=' "$ROOT/$module"/src/main/resources/application.properties \
        2>/dev/null | sed -E 's/.*=[[:space:]]*//' | head -1 || true)
    if [ -n "$expose" ] && [ "$expose" = "$app_port" ] && [ "${env_port:-$expose}" = "$expose" ]; then
        ok "$rel: EXPOSE $expose = QUARKUS_HTTP_PORT = $module's quarkus.http.port"
    else
        fail "$rel: EXPOSE '$expose', ENV QUARKUS_HTTP_PORT '$env_port' and $module's quarkus.http.port '$app_port' differ"
    fi
    user=$(printf '%s\n' "$instructions" | awk '$1 == "USER" { u = $2 } END { print u }')
    case "$user" in
        ""|root|0|0:*|root:*) fail "$rel: runs as root (USER '$user')" ;;
        *) ok "$rel: runs as USER $user" ;;
    esac
    if printf '%s\n' "$instructions" | grep -qE '^[[:space:]]*HEALTHCHECK.*/q/health/ready'; then
        ok "$rel: HEALTHCHECK on /q/health/ready"
    else
        fail "$rel: no HEALTHCHECK on /q/health/ready"
    fi
    while IFS= read -r var; do
        check_key "$module" "$var" "$rel ENV"
    done < <(printf '%s\n' "$instructions" | grep -E '^[[:space:]]*ENV' | grep -oE '\b(LABSCALE|QUARKUS)_[A-Z0-9_]+=' \
        | tr -d = | sort -u)
done

# ---------------------------------------------------------------------------------------------------------------
section "2. Configuration keys (compose.yaml, k8s/)"
compose="$DOCKER_DIR/compose.yaml"
# service<TAB>VAR<TAB>line of every environment entry (map or list form) of every service.
awk '
    /^[^ #]/                        { top = $1; svc = ""; inenv = 0 }
    top == "services:" && /^  [A-Za-z0-9_.-]+:/ { svc = $1; sub(/:$/, "", svc); inenv = 0; next }
    svc != "" && /^    [A-Za-z_]/   { inenv = ($1 == "environment:"); next }
    inenv && /^      [A-Za-z_][A-Za-z0-9_]*:/ { v = $1; sub(/:$/, "", v); print svc "\t" v "\t" NR; next }
    inenv && /^      - [A-Za-z_][A-Za-z0-9_]*=/ { v = $2; sub(/=.*/, "", v); print svc "\t" v "\t" NR; next }
' "$compose" > "$TMP/compose-env"
while IFS=$'\t' read -r svc var line; do
    case "$var" in LABSCALE_*|QUARKUS_*) check_key "$(module_of "$svc")" "$var" "compose.yaml:$line $svc" ;; esac
done < "$TMP/compose-env"
for svc in platform-api gpu-worker gpu-worker-cuda web-ui; do
    grep -q "^$svc	" "$TMP/compose-env" || fail "compose.yaml: service $svc has no environment"
done

for manifest in "$DOCKER_DIR"/k8s/*.yaml; do
    [ -f "$manifest" ] || continue
    module=$(module_of "$(basename "$manifest")")
    grep -nE '^[[:space:]]*- name:[[:space:]]*(LABSCALE|QUARKUS)_[A-Z0-9_]+[[:space:]]*$' "$manifest" \
        | while IFS= read -r hit; do
            line=${hit%%:*}
            var=$(printf '%s' "$hit" | grep -oE '(LABSCALE|QUARKUS)_[A-Z0-9_]+')
            check_key "$module" "$var" "${manifest#"$ROOT"/}:$line"
        done > "$TMP/k8s-out" || true
    cat "$TMP/k8s-out"
    FAILURES=$((FAILURES + $(grep -c '^FAIL' "$TMP/k8s-out" || true)))
done

# ---------------------------------------------------------------------------------------------------------------
section "3. Secrets and .env.example"
env_example="$DOCKER_DIR/.env.example"
grep -oE '\$\{[A-Za-z_][A-Za-z0-9_]*' "$compose" | cut -c3- | sort -u > "$TMP/interpolated"
while IFS= read -r var; do
    if grep -qE "^$var=" "$env_example"; then
        ok ".env.example sets $var"
    elif grep -qE "^#[[:space:]]*$var=" "$env_example"; then
        if grep -qE "\\\$\{$var:\?" "$compose"; then
            fail ".env.example: $var is required by compose.yaml but commented out"
        else
            ok ".env.example documents optional $var"
        fi
    else
        fail ".env.example: $var (used in compose.yaml) is missing"
    fi
done < "$TMP/interpolated"
if grep -nE '^[A-Z0-9_]*(PASSWORD|SECRET|TOKEN)[A-Z0-9_]*=.+' "$env_example"; then
    fail ".env.example holds a secret value (leave secrets empty; generate them with openssl rand -hex 24)"
else
    ok ".env.example: every PASSWORD/SECRET/TOKEN is empty"
fi
# (A *_FILE key holds a path, not the secret.)
if grep -nE '^[[:space:]]+[A-Z0-9_]*(PASSWORD|SECRET|TOKEN)[A-Z0-9_]*:[[:space:]]*[^[:space:]$]' "$compose" \
        | grep -vE '_FILE:'; then
    fail "compose.yaml: a PASSWORD/SECRET/TOKEN value is not taken from .env"
else
    ok "compose.yaml: every PASSWORD/SECRET/TOKEN value comes from .env"
fi

# ---------------------------------------------------------------------------------------------------------------
section "4. Linters"
if command -v yamllint > /dev/null; then
    yamllint_config='{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}}}'
    if yamllint -s -d "$yamllint_config" "$compose" "$DOCKER_DIR"/k8s/*.yaml; then
        ok "yamllint compose.yaml k8s/*.yaml"
    else
        fail "yamllint"
    fi
else
    skip "yamllint not installed (apt-get install -y yamllint)"
fi
if command -v hadolint > /dev/null; then
    if hadolint "$DOCKER_DIR"/*.Dockerfile; then ok "hadolint"; else fail "hadolint"; fi
else
    skip "hadolint not installed (not packaged by Debian; a static binary from its GitHub releases)"
fi
if command -v shellcheck > /dev/null; then
    if shellcheck "${BASH_SOURCE[0]}"; then ok "shellcheck check.sh"; else fail "shellcheck check.sh"; fi
else
    skip "shellcheck not installed (apt-get install -y shellcheck)"
fi
# Compose's own validation and interpolation, with throwaway secrets. Needs only the client, not the engine.
sed -E 's/^([A-Z0-9_]*(PASSWORD|SECRET|TOKEN)[A-Z0-9_]*)=$/\1=check-sh-placeholder/; s/^(LABSCALE_ADMIN_EMAIL)=$/\1=admin@example.org/' \
    "$env_example" > "$TMP/env"
if docker compose version > /dev/null 2>&1; then
    if docker compose --env-file "$TMP/env" -f "$compose" --profile cpu --profile cuda config -q; then
        ok "docker compose config"
    else
        fail "docker compose config"
    fi
elif command -v docker-compose > /dev/null; then
    # docker-compose 1.x predates the top-level "name" key; validate everything else.
    grep -v '^name:' "$compose" > "$TMP/compose.yaml"
    if docker-compose --env-file "$TMP/env" -f "$TMP/compose.yaml" --project-directory "$DOCKER_DIR" config -q; then
        ok "docker-compose $(docker-compose version --short 2>/dev/null) config (top-level name: left out for 1.x)"
    else
        fail "docker-compose config"
    fi
else
    skip "no docker compose plugin or docker-compose (apt-get install -y docker-compose) to validate compose.yaml"
fi

printf '\n'
if [ "$FAILURES" -eq 0 ]; then
    echo "check.sh: all checks passed"
else
    echo "check.sh: $FAILURES check(s) failed"
    exit 1
fi
