#!/usr/bin/env bash
# Checks, without Docker, that deploy/Dockerfile's build stage gives cargo
# everything it needs: copies exactly the files the stage's COPY lines take
# from the build context (the repository's files less what
# deploy/Dockerfile.dockerignore excludes) into a temporary directory, then
# runs the stage's cargo commands there. Compiled dependencies are reused
# from the repository's target/ (CARGO_TARGET_DIR), so only khabar itself
# is compiled again.
#
#   bash scripts/check-dockerfile.sh
#
# Instructions are replayed in order, so a cargo step sees only the files
# copied before it. Fails when a COPY'd set lacks a file cargo needs (a
# declared bench or example, build.rs, a proto), when the stage has no COPY
# or no cargo step, or when a cargo step fails. Limits: COPY --from lines
# are skipped; only `cargo ...` segments of RUN lines are run (other
# commands of the build stage must not be needed by cargo); ignore patterns
# are shell globs.
set -euo pipefail
cd "$(dirname "$0")/.."
repository="$(pwd)"
dockerfile="deploy/Dockerfile"
ignore_file="deploy/Dockerfile.dockerignore"

fail() {
    echo "check-dockerfile: $*" >&2
    exit 1
}

[[ -f "$dockerfile" ]] || fail "$dockerfile not found"

# The build stage's instructions, one per line (continuations joined).
stage="$(awk '
    BEGIN { inside = 0 }
    /^[[:space:]]*FROM[[:space:]]/ {
        inside = (tolower($0) ~ /[[:space:]]as[[:space:]]+build[[:space:]]*$/)
        next
    }
    inside && !/^[[:space:]]*#/ { print }
' "$dockerfile" | sed -e ':join' -e '/\\$/{N;s/\\\n/ /;b join' -e '}')"
[[ -n "$stage" ]] || fail "no build stage (FROM ... AS build) in $dockerfile"

workdir="$(printf '%s\n' "$stage" | awk 'toupper($1) == "WORKDIR" { dir = $2 } END { print dir }')"
workdir="${workdir:-/}"

# Ignore rules, in order: "+pattern" re-includes, "-pattern" excludes.
rules=()
if [[ -f "$ignore_file" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
        line="${line%%#*}"
        line="$(printf '%s' "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
        [[ -z "$line" ]] && continue
        if [[ "$line" == !* ]]; then
            pattern="${line#!}"
            sign="+"
        else
            pattern="$line"
            sign="-"
        fi
        pattern="${pattern#/}"
        pattern="${pattern%/}"
        rules+=("$sign$pattern")
    done <"$ignore_file"
fi

# Whether the build context holds PATH (the last matching rule decides).
in_context() {
    local path="$1" included=1 rule pattern
    for rule in "${rules[@]}"; do
        pattern="${rule:1}"
        # shellcheck disable=SC2053  # the pattern is a glob on purpose
        if [[ "$path" == $pattern || "$path" == $pattern/* ]]; then
            if [[ "${rule:0:1}" == "+" ]]; then included=1; else included=0; fi
        fi
    done
    return $((1 - included))
}

context_files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    while IFS= read -r -d '' path; do
        [[ -f "$path" ]] || continue
        if in_context "$path"; then context_files+=("$path"); fi
    done < <(git ls-files -z --cached --others --exclude-standard)
else
    while IFS= read -r -d '' path; do
        path="${path#./}"
        if in_context "$path"; then context_files+=("$path"); fi
    done < <(find . -type f -print0)
fi
[[ ${#context_files[@]} -gt 0 ]] || fail "the build context is empty"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
build_root="$scratch/$workdir"
mkdir -p "$build_root"

# Copies the context files that SOURCE names into DESTINATION with
# Docker's rules: a directory's contents go into the destination, a file
# goes to the destination (into it when it ends with / or names several).
copy_source() {
    local source="$1" destination="$2" several="$3" path relative copied=0 target
    source="${source#./}"
    source="${source%/}"
    [[ "$source" == "." ]] && source=""
    for path in "${context_files[@]}"; do
        if [[ -z "$source" ]]; then
            relative="$path"
        elif [[ "$path" == "$source" ]]; then
            if [[ "$destination" == */ || "$several" == yes ]]; then
                relative="$(basename "$path")"
            else
                target="$destination"
                mkdir -p "$(dirname "$target")"
                cp -p "$path" "$target"
                copied=1
                continue
            fi
        elif [[ "$path" == "$source"/* ]]; then
            relative="${path#"$source"/}"
        else
            continue
        fi
        target="${destination%/}/$relative"
        mkdir -p "$(dirname "$target")"
        cp -p "$path" "$target"
        copied=1
    done
    [[ $copied -eq 1 ]] || fail "COPY source '$1' matches nothing in the build context"
}

export CARGO_TARGET_DIR="$repository/target"

# Runs the cargo segments of a RUN instruction in the copied context.
run_cargo_segments() {
    local command segment ran=0
    command="$(printf '%s\n' "$1" | sed -E 's/^[[:space:]]*RUN[[:space:]]+//I; s/--mount=[^[:space:]]+[[:space:]]*//g')"
    while IFS= read -r segment; do
        segment="$(printf '%s' "$segment" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
        [[ "$segment" == cargo\ * ]] || continue
        echo "check-dockerfile: $segment (in the copied context)"
        read -r -a step_words <<<"$segment"
        (cd "$build_root" && "${step_words[@]}") ||
            fail "'$segment' failed on the files the build stage copies"
        ran=1
    done < <(printf '%s\n' "$command" | sed 's/&&/\n/g; s/;/\n/g')
    cargo_steps=$((cargo_steps + ran))
}

# The stage in order: each COPY adds its files, each RUN runs its cargo
# commands on what has been copied so far (as the image build would).
copies=0
cargo_steps=0
while IFS= read -r instruction; do
    read -r -a words <<<"$instruction"
    [[ ${#words[@]} -gt 0 ]] || continue
    case "${words[0]^^}" in
    RUN)
        run_cargo_segments "$instruction"
        continue
        ;;
    COPY) ;;
    *) continue ;;
    esac
    arguments=()
    skip=0
    for word in "${words[@]:1}"; do
        case "$word" in
        --from=*) skip=1 ;;
        --*) ;;
        *) arguments+=("$word") ;;
        esac
    done
    [[ $skip -eq 1 ]] && continue
    [[ ${#arguments[@]} -ge 2 ]] || fail "cannot read: $instruction"
    destination="${arguments[-1]}"
    if [[ "$destination" == /* ]]; then
        destination="$scratch$destination"
    else
        destination="$build_root/$destination"
    fi
    several=no
    [[ ${#arguments[@]} -gt 2 ]] && several=yes
    for source in "${arguments[@]:0:${#arguments[@]}-1}"; do
        copy_source "$source" "$destination" "$several"
    done
    copies=$((copies + 1))
    echo "check-dockerfile: $instruction"
done <<<"$stage"
[[ $copies -gt 0 ]] || fail "the build stage has no COPY from the context"
[[ $cargo_steps -gt 0 ]] || fail "the build stage runs no cargo command"
echo "check-dockerfile: ok (${#context_files[@]} files in the context, $copies COPY, $cargo_steps RUN with cargo)"
