# Sourced by ./mvnw: Cairn needs a JDK 21 or newer, while many machines default to 17.
# Keep JAVA_HOME when it already points at a JDK >= 21; otherwise take the newest JDK >= 21
# found in the usual places, or stop with a message that says what to install.
cairn_java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}
cairn_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(cairn_java_major "$JAVA_HOME")
    [ "${v:-0}" -ge 21 ] && return 0
  fi
  best="" best_v=0
  set +f
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/javac" ] || continue
    v=$(cairn_java_major "$d")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d" best_v="$v"; fi
  done
  set -f
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(cairn_java_major "$d")
    [ "${v:-0}" -ge 21 ] && best="$d"
  fi
  if [ -z "$best" ]; then
    echo "Cairn needs a JDK 21 or newer and found none (JAVA_HOME=${JAVA_HOME-unset}, /usr/lib/jvm)." >&2
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25, or set JAVA_HOME to it." >&2
    exit 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
cairn_select_jdk
