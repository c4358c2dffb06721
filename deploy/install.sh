#!/usr/bin/env bash
# Installs the Linli edge agent and kiosk screen on a Debian 12 / Ubuntu 22.04+ kiosk.
#
# Idempotent: run it again to upgrade or repair. What is already right is left alone
# (a second run reports "0 changes"), and /etc/linli/linli.yaml is never overwritten.
# See deploy/README.md.
set -euo pipefail

PROGRAM=install.sh
APP_DIR=/opt/linli
CONFIG_DIR=/etc/linli
STATE_DIR=/var/lib/linli
UNIT_DIR=/etc/systemd/system
AGENT_USER=linli
KIOSK_USER=linli-kiosk
# The groups that own serial ports, USB printers and (by our udev rules) hidraw nodes.
DEVICE_GROUPS=(dialout lp plugdev)
# The groups that give a seat's display and input devices, where logind does not.
KIOSK_GROUPS=(video render input)
NODE_MIN_20=19 # Node 20 from 20.19, or 22 from 22.12
NODE_MIN_22=12

usage() {
  cat <<'EOF'
Usage: install.sh [options]

Installs the Linli agent into /opt/linli, its config folder /etc/linli, its state folder
/var/lib/linli, the linli and linli-kiosk users, systemd units, udev rules and the CLI
(/usr/local/bin/linli). Run as root. Running it again changes only what differs.

  --from DIR             install the app from DIR, a built checkout or an unpacked tarball
                         (default: the checkout this script is in)
  --tarball FILE         install the app from a tarball made by deploy/make-tarball.sh
  --root DIR             install into DIR as the root filesystem (a chroot or staging folder):
                         nothing is started, reloaded or triggered
  --node PATH            the node binary the units run (default: the one on PATH; with --root,
                         /usr/bin/node)
  --no-kiosk             do not set up the kiosk screen (Chromium on cage)
  --restart-window HH:MM restart the agent and the screen daily, at a moment within the
                         15 minutes from HH:MM; "off" removes the daily restart
  --uninstall            remove the app, units, rules and CLI; keep config, state and users
  --purge                with --uninstall: also remove /etc/linli, /var/lib/linli and the users
  -h, --help             this help

Exit codes: 0 done, 64 usage, 66 no app to install, 69 a required program is missing,
77 not root.
EOF
}

say() { printf 'linli: %s\n' "$*"; }
warn() { printf 'linli: warning: %s\n' "$*" >&2; }
die() {
  printf '%s: %s\n' "$PROGRAM" "$1" >&2
  exit "${2:-1}"
}

CHANGES=0
changed() {
  CHANGES=$((CHANGES + 1))
  printf '  %s\n' "$*"
}

# ------------------------------------------------------------------------ arguments

ROOT=/
SOURCE=
TARBALL=
NODE_BIN=
KIOSK=yes
RESTART_WINDOW=
UNINSTALL=no
PURGE=no

need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value" 64; }
while (($#)); do
  case $1 in
  --root) need_value "$@" && ROOT=$2 && shift 2 ;;
  --from) need_value "$@" && SOURCE=$2 && shift 2 ;;
  --tarball) need_value "$@" && TARBALL=$2 && shift 2 ;;
  --node) need_value "$@" && NODE_BIN=$2 && shift 2 ;;
  --restart-window) need_value "$@" && RESTART_WINDOW=$2 && shift 2 ;;
  --no-kiosk) KIOSK=no && shift ;;
  --uninstall) UNINSTALL=yes && shift ;;
  --purge) PURGE=yes && shift ;;
  -h | --help) usage && exit 0 ;;
  *)
    usage >&2
    die "unknown option: $1" 64
    ;;
  esac
done

[[ $EUID -eq 0 ]] || die "run me as root (sudo $0 $*)" 77
[[ -d $ROOT ]] || die "--root $ROOT is not a folder" 64
ROOT=$(cd "$ROOT" && pwd -P)
# R prefixes every path: "" for the live system, the staging root otherwise.
R=${ROOT%/}
LIVE=no
[[ -z $R ]] && LIVE=yes
if [[ -n $RESTART_WINDOW && $RESTART_WINDOW != off ]] &&
  ! [[ $RESTART_WINDOW =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]]; then
  die "--restart-window takes HH:MM (24 h) or off, got \"$RESTART_WINDOW\"" 64
fi
[[ $PURGE == no || $UNINSTALL == yes ]] || die "--purge goes with --uninstall" 64

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# Systemd sees the live system only when it runs it (not in a chroot or a staging root).
systemd_running() { [[ $LIVE == yes && -d /run/systemd/system ]]; }

# ------------------------------------------------------------------------ small tools

# The uid or gid of a name in the target's /etc/passwd or /etc/group, or nothing.
passwd_field() { awk -F: -v name="$2" '$1 == name { print $'"$3"' }' "$R/etc/$1" 2>/dev/null; }
user_exists() { [[ -n $(passwd_field passwd "$1" 3) ]]; }
group_exists() { [[ -n $(passwd_field group "$1" 3) ]]; }
in_group() { # user group
  awk -F: -v user="$1" -v group="$2" '$1 == group {
    n = split($4, members, ","); for (i = 1; i <= n; i++) if (members[i] == user) found = 1
  } END { exit !found }' "$R/etc/group"
}
# useradd and friends work on the target's account files (--prefix does not chroot).
account() {
  local tool=$1
  shift
  if [[ $LIVE == yes ]]; then "$tool" "$@"; else "$tool" --prefix "$R" "$@"; fi
}

# Installs a file when its content, mode or owner differ. owner is uid:gid (numeric, so it
# works for a target whose users the running system does not know).
put_file() { # source dest mode [uid:gid]
  local src=$1 dest=$2 mode=$3 owner=${4:-0:0}
  if [[ ! -f $dest ]] || ! cmp -s "$src" "$dest"; then
    install -D -m "$mode" -o "${owner%:*}" -g "${owner#*:}" "$src" "$dest"
    changed "installed ${dest#"$R"}"
    return
  fi
  fix_owner_mode "$dest" "$mode" "$owner"
}

# Installs what a command prints as a file (see put_file). Not fed by a pipe: a function at
# the end of a pipeline runs in a subshell, and its changes would not be counted.
put_output() { # dest mode uid:gid command...
  local dest=$1 mode=$2 owner=$3 tmp
  shift 3
  tmp=$(mktemp)
  "$@" >"$tmp"
  put_file "$tmp" "$dest" "$mode" "$owner"
  rm -f "$tmp"
}

fix_owner_mode() { # path mode uid:gid
  local path=$1 mode=$2 owner=$3
  if [[ $(stat -c '%a %u:%g' "$path") != "${mode#0} $owner" ]]; then
    chmod "$mode" "$path"
    chown "$owner" "$path"
    changed "set ${path#"$R"} to mode $mode, owner $owner"
  fi
}

ensure_dir() { # path mode uid:gid
  local path=$1 mode=$2 owner=$3
  if [[ ! -d $path ]]; then
    install -d -m "$mode" -o "${owner%:*}" -g "${owner#*:}" "$path"
    changed "created ${path#"$R"}"
    return
  fi
  fix_owner_mode "$path" "$mode" "$owner"
}

remove_path() {
  if [[ -e $1 || -L $1 ]]; then
    rm -rf -- "$1"
    changed "removed ${1#"$R"}"
  fi
}

# Renders a unit or script template: @NODE@ becomes the node the target runs.
render() { sed "s#@NODE@#$NODE_BIN#g" "$1"; }

# ------------------------------------------------------------------------ node

node_ok() { # node binary on this machine
  "$1" -e "const [a, b] = process.versions.node.split('.').map(Number);
    process.exit((a === 20 && b >= $NODE_MIN_20) || (a === 22 && b >= $NODE_MIN_22) || a > 22 ? 0 : 1)" \
    2>/dev/null
}

find_node() {
  HOST_NODE=$(command -v node || true)
  [[ -n $HOST_NODE ]] || die "node is not installed: install Node.js 20 (>= 20.19) or 22 first, e.g. from NodeSource" 69
  node_ok "$HOST_NODE" || die "$HOST_NODE is $("$HOST_NODE" --version); Linli needs Node.js 20 (>= 20.19) or 22 (>= 22.12)" 69
  if [[ -z $NODE_BIN ]]; then
    if [[ $LIVE == yes ]]; then NODE_BIN=$HOST_NODE; else NODE_BIN=/usr/bin/node; fi
  fi
  [[ -x $R$NODE_BIN ]] || warn "$NODE_BIN is not in the target: the units run it, so install Node.js there before starting"
}

# What the app needs from the system beyond node; missing ones are named, not fatal.
check_libraries() {
  local entry file
  for entry in libusb-1.0.so.0:libusb-1.0-0 libudev.so.1:libudev1; do
    file=${entry%%:*}
    if ! compgen -G "$R/usr/lib/*/$file" >/dev/null && ! compgen -G "$R/lib/*/$file" >/dev/null; then
      warn "$file is missing, so HID scanners and rating boxes will not work: sudo apt-get install ${entry#*:}"
    fi
  done
  if ! [[ -x $R/usr/bin/udevadm || -x $R/bin/udevadm ]]; then
    warn "udev is not installed, so device rules do not apply and serial ports cannot be listed: sudo apt-get install udev"
  fi
  if [[ $KIOSK == yes ]] && ! compgen -G "$R/usr/share/fonts/opentype/noto/NotoSansCJK-*" >/dev/null; then
    warn "no Chinese font: the kiosk screen shows boxes instead of text: sudo apt-get install fonts-noto-cjk"
  fi
}

# ------------------------------------------------------------------------ the app

stage_app() {
  local from=$SOURCE unpacked=
  if [[ -n $TARBALL ]]; then
    [[ -f $TARBALL ]] || die "no tarball $TARBALL" 66
    unpacked=$(mktemp -d)
    tar -xf "$TARBALL" -C "$unpacked"
    from=$unpacked/linli
  fi
  [[ -n $from ]] || from=$(dirname "$HERE")
  [[ -f $from/package.json ]] || die "$from is not a Linli checkout or unpacked tarball" 66
  # Quick check first (names, sizes, times), as rsync does; then content.
  if [[ -d $R$APP_DIR ]] && "$HOST_NODE" "$from/deploy/stage-app.mjs" --check "$from" "$R$APP_DIR"; then
    [[ -n $unpacked ]] && rm -rf "$unpacked"
    return 0
  fi
  local staging=$R${APP_DIR}.new
  "$HOST_NODE" "$from/deploy/stage-app.mjs" "$from" "$staging" >/dev/null ||
    die "could not stage the app from $from" 66
  [[ -n $unpacked ]] && rm -rf "$unpacked"
  if [[ -d $R$APP_DIR ]] && diff -rq --no-dereference "$R$APP_DIR" "$staging" >/dev/null 2>&1; then
    rm -rf "$staging"
    return
  fi
  # Swap whole trees, so the agent never runs a half-copied app.
  if [[ -d $R$APP_DIR ]]; then
    rm -rf "$R$APP_DIR.old"
    mv "$R$APP_DIR" "$R$APP_DIR.old"
  fi
  mv "$staging" "$R$APP_DIR"
  rm -rf "$R$APP_DIR.old"
  chown -R 0:0 "$R$APP_DIR"
  chmod -R u=rwX,go=rX "$R$APP_DIR"
  changed "installed the app in $APP_DIR ($(cd "$R$APP_DIR" && "$HOST_NODE" -p 'require("./edge-agent/package.json").version'))"
}

# ------------------------------------------------------------------------ accounts

ensure_group() {
  group_exists "$1" && return
  account groupadd --system "$1"
  changed "created the group $1"
}

ensure_user() { # name home comment
  user_exists "$1" && return
  account useradd --system --user-group --home-dir "$2" --no-create-home \
    --shell /usr/sbin/nologin --comment "$3" "$1"
  changed "created the user $1"
}

ensure_member() { # user group
  in_group "$1" "$2" && return
  account usermod --append --groups "$2" "$1"
  changed "added $1 to $2"
}

accounts() {
  for group in "${DEVICE_GROUPS[@]}"; do ensure_group "$group"; done
  ensure_user "$AGENT_USER" "$STATE_DIR" "Linli kiosk agent"
  for group in "${DEVICE_GROUPS[@]}"; do ensure_member "$AGENT_USER" "$group"; done
  if [[ $KIOSK == yes ]]; then
    ensure_user "$KIOSK_USER" "/run/$KIOSK_USER" "Linli kiosk screen"
    for group in "${KIOSK_GROUPS[@]}"; do
      group_exists "$group" && ensure_member "$KIOSK_USER" "$group"
    done
  fi
  AGENT_IDS="$(passwd_field passwd "$AGENT_USER" 3):$(passwd_field group "$AGENT_USER" 3)"
  AGENT_GID=$(passwd_field group "$AGENT_USER" 3)
}

# ------------------------------------------------------------------------ files

config_and_state() {
  ensure_dir "$R$CONFIG_DIR" 0750 "0:$AGENT_GID"
  ensure_dir "$R$STATE_DIR" 0750 "$AGENT_IDS"
  # The operator's files: created once, never overwritten.
  if [[ ! -e $R$CONFIG_DIR/linli.yaml ]]; then
    put_file "$R$APP_DIR/deploy/linli.example.yaml" "$R$CONFIG_DIR/linli.yaml" 0640 "0:$AGENT_GID"
  fi
  if [[ $KIOSK == yes && ! -e $R$CONFIG_DIR/kiosk.env ]]; then
    put_file "$R$APP_DIR/deploy/kiosk.env" "$R$CONFIG_DIR/kiosk.env" 0644
  fi
  # The example stays beside it, current with each version.
  put_file "$R$APP_DIR/deploy/linli.example.yaml" "$R$CONFIG_DIR/linli.example.yaml" 0644
}

units() {
  local unit
  for unit in linli-agent.service linli-backup.service linli-backup.timer \
    linli-restart.service linli-restart.timer; do
    put_output "$R$UNIT_DIR/$unit" 0644 0:0 render "$R$APP_DIR/deploy/systemd/$unit"
  done
  if [[ $KIOSK == yes ]]; then
    put_output "$R$UNIT_DIR/linli-kiosk.service" 0644 0:0 \
      render "$R$APP_DIR/deploy/systemd/linli-kiosk.service"
    put_file "$R$APP_DIR/deploy/system/pam-linli-kiosk" "$R/etc/pam.d/linli-kiosk" 0644
  else
    disable_unit linli-kiosk.service graphical.target
    remove_path "$R$UNIT_DIR/linli-kiosk.service"
    remove_path "$R/etc/pam.d/linli-kiosk"
  fi
  put_output "$R/usr/local/bin/linli" 0755 0:0 render "$R$APP_DIR/deploy/bin/linli"
  put_file "$R$APP_DIR/deploy/system/modules-load-linli.conf" "$R/etc/modules-load.d/linli.conf" 0644
  put_file "$R$APP_DIR/deploy/system/journald-linli.conf" \
    "$R/etc/systemd/journald.conf.d/linli.conf" 0644
}

udev_rules() {
  # Made from the installed device profiles, so the rules always match the app.
  put_output "$R/etc/udev/rules.d/70-linli.rules" 0644 0:0 \
    "$HOST_NODE" "$R$APP_DIR/edge-agent/bin/linli.js" udev-rules
}

# ------------------------------------------------------------------------ enabling

enable_unit() { # unit target
  local link=$R$UNIT_DIR/$2.wants/$1
  [[ -L $link ]] && return
  if systemd_running; then
    systemctl enable --quiet "$1"
  elif command -v systemctl >/dev/null && systemctl --root="$ROOT" enable --quiet "$1" 2>/dev/null; then
    :
  else
    # What `systemctl enable` does for WantedBy=, for a root without systemd.
    mkdir -p "$(dirname "$link")"
    ln -s "$UNIT_DIR/$1" "$link"
  fi
  changed "enabled $1"
}

disable_unit() { # unit target
  local link=$R$UNIT_DIR/$2.wants/$1
  [[ -L $link ]] || return 0
  if systemd_running; then
    systemctl disable --now --quiet "$1" || true
  fi
  rm -f "$link"
  changed "disabled $1"
}

restart_window() {
  local dropin=$R$UNIT_DIR/linli-restart.timer.d/window.conf
  case $RESTART_WINDOW in
  "") ;;
  off)
    disable_unit linli-restart.timer timers.target
    remove_path "$(dirname "$dropin")"
    ;;
  *)
    put_output "$dropin" 0644 0:0 printf \
      '# Set by install.sh --restart-window %s\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* %s:00\n' \
      "$RESTART_WINDOW" "$RESTART_WINDOW"
    enable_unit linli-restart.timer timers.target
    ;;
  esac
}

# ------------------------------------------------------------------------ install

install_all() {
  find_node
  if [[ $KIOSK == yes ]] && ! [[ -x $R/usr/bin/cage ]]; then
    warn "cage is not installed, so the kiosk screen is not set up: sudo apt-get install cage xwayland chromium fonts-noto-cjk, then run install.sh again"
    KIOSK=no
  fi
  # Debian's cage 0.1.4 refuses to start without Xwayland, though it does not depend on it.
  if [[ $KIOSK == yes ]] && ! [[ -x $R/usr/bin/Xwayland ]]; then
    warn "Xwayland is not installed, and cage will not start without it, so the kiosk screen is not set up: sudo apt-get install xwayland, then run install.sh again"
    KIOSK=no
  fi
  say "installing into ${ROOT}"
  check_libraries
  stage_app
  accounts
  config_and_state
  units
  udev_rules
  enable_unit linli-agent.service multi-user.target
  enable_unit linli-backup.timer timers.target
  [[ $KIOSK == yes ]] && enable_unit linli-kiosk.service graphical.target
  restart_window
  if ((CHANGES > 0)) && systemd_running; then
    systemctl daemon-reload
    if command -v udevadm >/dev/null; then
      udevadm control --reload
      udevadm trigger --action=add --subsystem-match=tty --subsystem-match=usbmisc \
        --subsystem-match=hidraw --subsystem-match=backlight || true
    fi
  fi
  say "install complete, $CHANGES changes"
  if [[ $LIVE == yes ]] && ! grep -q '^kiosk:' "$CONFIG_DIR/linli.yaml"; then
    say "next: fill in the kiosk section of $CONFIG_DIR/linli.yaml, check it with"
    say "  sudo linli doctor"
    local units=linli-agent
    [[ $KIOSK == yes ]] && units+=" linli-kiosk"
    say "then start it: sudo systemctl restart $units"
  fi
}

# ------------------------------------------------------------------------ uninstall

uninstall_all() {
  say "uninstalling from ${ROOT}"
  disable_unit linli-kiosk.service graphical.target
  disable_unit linli-restart.timer timers.target
  disable_unit linli-backup.timer timers.target
  disable_unit linli-agent.service multi-user.target
  local unit
  for unit in linli-agent.service linli-kiosk.service linli-backup.service linli-backup.timer \
    linli-restart.service linli-restart.timer linli-restart.timer.d; do
    remove_path "$R$UNIT_DIR/$unit"
  done
  remove_path "$R/etc/pam.d/linli-kiosk"
  remove_path "$R/etc/udev/rules.d/70-linli.rules"
  remove_path "$R/etc/modules-load.d/linli.conf"
  remove_path "$R/etc/systemd/journald.conf.d/linli.conf"
  remove_path "$R/usr/local/bin/linli"
  remove_path "$R$APP_DIR"
  if [[ $PURGE == yes ]]; then
    remove_path "$R$CONFIG_DIR"
    remove_path "$R$STATE_DIR"
    for user in "$KIOSK_USER" "$AGENT_USER"; do
      if user_exists "$user"; then
        account userdel "$user"
        changed "removed the user $user"
      fi
    done
  else
    say "kept $CONFIG_DIR, $STATE_DIR and the users (--purge removes them)"
  fi
  systemd_running && systemctl daemon-reload
  say "uninstall complete, $CHANGES changes"
}

if [[ $UNINSTALL == yes ]]; then uninstall_all; else install_all; fi
