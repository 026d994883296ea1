#!/usr/bin/env bash
# Rebuilds the fuzz seed corpora beside this script from the project's own inputs:
#   ConfigLoaderFuzzTestInputs/<method>/   examples/*.yaml and src/test/resources/config/bad/*.yaml
#   NetlinkDecoderFuzzTestInputs/<method>/ the captured kernel replies (src/test/resources/netlink/replies/*.hex) as bytes
#   StateRecordFuzzTestInputs/<method>/    the planner fixtures' state records (src/test/resources/plan/*/record.json)
# Jazzer's JUnit integration reads <Class>Inputs/<method>/ as seeds, and writes the inputs of its
# findings (crash-*) there too: keep those, they are the regression tests of what was fixed.
# The limit-* seeds are written by hand: inputs at the limits of the loader, the decoders and the
# record reader, just inside and just past each; this script leaves them alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../../.." && pwd)"
config="$here/ConfigLoaderFuzzTestInputs/anyBytesGiveAConfigOrConfigProblems"
netlink="$here/NetlinkDecoderFuzzTestInputs/anyBytesGiveMessagesOrAProtocolError"
record="$here/StateRecordFuzzTestInputs/anyBytesGiveARecordOrAnUnreadableRecord"
mkdir -p "$config" "$netlink" "$record"
for f in "$root"/examples/*.yaml; do cp "$f" "$config/example-$(basename "$f")"; done
for f in "$root"/src/test/resources/config/bad/*.yaml; do cp "$f" "$config/bad-$(basename "$f")"; done
for f in "$root"/src/test/resources/netlink/replies/*.hex; do
    grep -v '^#' "$f" | xxd -r -p > "$netlink/reply-$(basename "$f" .hex).bin"
done
for f in "$root"/src/test/resources/plan/*/record.json; do
    cp "$f" "$record/record-$(basename "$(dirname "$f")").json"
done
