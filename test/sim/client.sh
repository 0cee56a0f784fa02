# Client half of the sim's server mode (test/sim/server.ts), sourced by
# test/sim/bin/<tool> with KILN_SIM_TOOL set when KILN_SIM_SERVER names a
# control dir (layout: test/sim/server-layout.ts). POSIX sh builtins plus
# mkfifo and cat (every exec counts: the point is a call in a few ms).
# When no server is listening there it returns, and the wrapper execs node.
_ks_ctl=$KILN_SIM_SERVER
if [ -p "$_ks_ctl/notify" ] && read -r _ks_pid 2>/dev/null <"$_ks_ctl/pid" && kill -0 "$_ks_pid" 2>/dev/null; then
  # Our pid names the request; leftovers of a killed client with the same pid go first.
  _ks_req=$_ks_ctl/req/$$
  mkfifo -m 600 "$_ks_req.reply" 2>/dev/null || { rm -f "$_ks_req".*; mkfifo -m 600 "$_ks_req.reply"; } || exit 127
  # Only zonecfg reads stdin, and only for `-f -` or with no command operand
  # (tools/zonecfg.ts): capture it exactly then, so other calls never block on it.
  _ks_in=0
  if [ "$KILN_SIM_TOOL" = zonecfg ]; then
    _ks_f=none
    OPTIND=1
    while getopts ':z:u:f:R:' _ks_o; do
      [ "$_ks_o" = f ] && _ks_f=x$OPTARG
    done
    if [ "$_ks_f" = x- ] || { [ "$_ks_f" = none ] && [ $# -lt "$OPTIND" ]; }; then
      cat >"$_ks_req.stdin" && _ks_in=1
    fi
  fi
  # The request, NUL-terminated fields (argv may hold spaces, quotes, ';',
  # newlines; never a NUL): env (unset = empty, as the sim reads it), cwd,
  # whether stdin was captured, then argv.
  printf '%s\0' "$KILN_SIM_STATE" "$KILN_SIM_ROOT" "$PWD" "$_ks_in" "$KILN_SIM_TOOL" "$@" >"$_ks_req.req"
  # Hold the reply FIFO read-write and the outputs open before asking: the
  # server fills out and err (same inodes), unlinks every file of the request,
  # then writes "<code> <stdout bytes> <stderr bytes>". Its non-blocking open
  # of the FIFO always finds us as a reader; our read never sees an early EOF.
  exec 3<>"$_ks_req.reply" 4<>"$_ks_req.out" 5<>"$_ks_req.err"
  printf '%s\n' "$$" >"$_ks_ctl/notify"
  read -r _ks_rc _ks_no _ks_ne <&3
  [ "$_ks_no" = 0 ] || cat <&4
  [ "$_ks_ne" = 0 ] || cat <&5 >&2
  exit "$_ks_rc"
fi
