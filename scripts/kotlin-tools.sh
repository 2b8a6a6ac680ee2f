# Sourced by scripts/test-kotlin.sh and scripts/build-jvm.sh (not run on its own): finds or
# installs the tools the Kotlin steps need and sets JNA_JAR, KOTLINC and KOTLIN_HOME.
# JNA from Debian (libjna-java), kotlinc from npm into .tools/ (git-ignored). Needs $root.
KOTLIN_VERSION=2.4.20                     # npm package kotlin-compiler (JetBrains' kotlinc)
JNA_JAR=/usr/share/java/jna.jar           # Debian libjna-java (5.13.0 on bookworm)
if [ ! -f "$JNA_JAR" ]; then
  echo "--> installing libjna-java (Debian)"
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq libjna-java >/dev/null
fi
command -v java >/dev/null || { echo "java (a JRE >= 11) is required: apt-get install -y default-jre-headless" >&2; exit 1; }
if command -v kotlinc >/dev/null && kotlinc -version 2>&1 | grep -q "kotlinc-jvm 2\."; then
  KOTLINC=$(command -v kotlinc)
else
  KOTLINC=$root/.tools/node_modules/kotlin-compiler/bin/kotlinc
  if ! "$KOTLINC" -version 2>&1 | grep -q "kotlinc-jvm $KOTLIN_VERSION"; then
    echo "--> installing kotlin-compiler@$KOTLIN_VERSION from npm into .tools/"
    npm install --prefix "$root/.tools" --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" >/dev/null
  fi
fi
KOTLIN_HOME=$(cd "$(dirname "$KOTLINC")/.." && pwd)
