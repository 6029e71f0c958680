#!/usr/bin/env bash
# Publishes the Microsoft 365 copy pipeline of this managed application to its Synapse workspace and starts
# its schedule. Run it after installation, and again after each update of the application.
#
# Usage:  bash publish-synapse-pipeline.sh --application <resource ID of the managed application> [--keep-stopped]
#         bash publish-synapse-pipeline.sh --outputs <file with the application's outputs, as JSON> [--keep-stopped]
#
# Needs:  bash, Python 3 and the Azure CLI, signed in (az login) as a Synapse Administrator of the workspace,
#         from a network the workspace's firewall admits (Azure Cloud Shell has the three tools).
#
# Why a step after installation: Synapse pipelines, datasets, linked services and triggers are artifacts of the
# workspace, published through its development endpoint under Synapse RBAC; they are not Azure resources, so
# the installation cannot create them, and only a Synapse Administrator may publish them. The installation gives
# them as its output synapseArtifacts (no secret in them: the linked services read the Entra application's client
# secret from the application's Key Vault). The README of the package says who can become a Synapse Administrator.
set -euo pipefail

usage() {
  sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

application=""
outputs_file=""
start_schedule=true
while [ $# -gt 0 ]; do
  case "$1" in
    --application) application="${2:-}"; shift 2 || usage ;;
    --outputs) outputs_file="${2:-}"; shift 2 || usage ;;
    --keep-stopped) start_schedule=false; shift ;;
    -h|--help) usage ;;
    *) echo "Unknown argument: $1" >&2; usage ;;
  esac
done
if [ -z "$application" ] && [ -z "$outputs_file" ]; then usage; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "$application" ]; then
  az resource show --ids "$application" --query properties.outputs --output json --only-show-errors > "$work/outputs.json" < /dev/null
else
  cp "$outputs_file" "$work/outputs.json"
fi

# The workspace's name and one file per artifact, in the order they refer to one another.
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
with open(os.path.join(work, 'outputs.json')) as f:
    outputs = json.load(f)
def output(name):
    for key, entry in (outputs or {}).items():
        if key.lower() == name.lower():
            return entry['value'] if isinstance(entry, dict) and 'value' in entry else entry
    sys.exit('The outputs have no %s: is this a managed application built with the mgdc-synapse template set, and is its installation finished?' % name)
workspace = output('synapseWorkspaceName')
artifacts = output('synapseArtifacts')
with open(os.path.join(work, 'workspace'), 'w') as f:
    f.write(workspace)
kinds = [('linkedServices', 'linked-service'), ('datasets', 'dataset'), ('pipelines', 'pipeline'), ('triggers', 'trigger')]
with open(os.path.join(work, 'plan'), 'w') as plan:
    for n, (kind, group) in enumerate(kinds):
        for i, item in enumerate(artifacts.get(kind, [])):
            path = os.path.join(work, '%d-%d.json' % (n, i))
            with open(path, 'w') as f:
                json.dump(item, f)
            plan.write('%s %s %s\n' % (group, item['name'], path))
PY
workspace=$(cat "$work/workspace")

# What the workspace refused, said with what to do about it.
explain() {
  cat "$work/error" >&2
  if grep -q 'ClientIpAddressNotAuthorized' "$work/error"; then
    echo "The firewall of workspace $workspace does not admit your network. Run this from a network it admits (the range entered during installation), or have a firewall rule added for yours (Networking of the workspace, in the Azure portal)." >&2
  elif grep -q 'does not have the required Synapse RBAC permission' "$work/error"; then
    echo "You are not a Synapse Administrator of workspace $workspace. Someone who can manage role assignments on it adds you in Synapse Studio: Manage > Access control > Add, role Synapse Administrator (the README of the package says who can)." >&2
  fi
  exit 1
}
synapse() {
  if ! az synapse "$@" --workspace-name "$workspace" --only-show-errors --output none < /dev/null 2> "$work/error"; then explain; fi
}

# A started trigger cannot be updated: stop it first (on the first run there is none to stop).
trigger=$(awk '$1 == "trigger" { print $2; exit }' "$work/plan")
if [ -n "$trigger" ]; then
  az synapse trigger stop --workspace-name "$workspace" --name "$trigger" --only-show-errors --output none < /dev/null 2> /dev/null || true
fi
count=0
while read -r group name file; do
  echo "publishing $group $name"
  synapse "$group" create --name "$name" --file "@$file"
  count=$((count + 1))
done < "$work/plan"
if [ -n "$trigger" ] && [ "$start_schedule" = true ]; then
  synapse trigger start --name "$trigger"
  echo "Published $count artifacts to workspace $workspace and started the schedule $trigger."
else
  echo "Published $count artifacts to workspace $workspace; the schedule is not started."
fi
