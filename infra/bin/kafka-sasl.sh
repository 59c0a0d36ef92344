# shellcheck shell=bash
# The SASL mode of infra/bin/kafka (--sasl): brokers that authenticate every client with
# SCRAM-SHA-512 and allow it only what infra/kafka/acls.mjs grants. Sourced, not run.
#
# Users: admin (the super user, also the brokers among themselves) and one per service. Their
# passwords are made once, in <root>/credentials/<user>.password (mode 600), and written into
# the cluster's metadata when the storage is formatted (StorageTool --add-scram), so they exist
# before the first broker serves anyone. A service points KAFKA_SASL_PASSWORD_FILE at its file.
#
# The controller listener stays PLAINTEXT on loopback. Brokers reach the controllers through it
# as User:ANONYMOUS, which must therefore be a super user: on a shared host this mode is a
# demonstration of the client side, not a hardened cluster.

SASL_USERS=(admin campaign-command projection timer-scheduler analytics-ingest)

credentials_dir() { echo "$(root_dir "$1")/credentials"; }

ensure_credentials() {
  local dir user
  dir=$(credentials_dir "$1")
  mkdir -p "$dir"; chmod 700 "$dir"
  for user in "${SASL_USERS[@]}"; do
    [ -s "$dir/$user.password" ] && continue
    (umask 077; od -An -tx1 -N18 /dev/urandom | tr -d ' \n' > "$dir/$user.password.tmp")
    mv "$dir/$user.password.tmp" "$dir/$user.password"
  done
}

# scram_args MODE: StorageTool's --add-scram arguments, one per user.
scram_args() {
  local dir user
  dir=$(credentials_dir "$1")
  for user in "${SASL_USERS[@]}"; do
    printf -- '--add-scram\nSCRAM-SHA-512=[name=%s,password=%s]\n' "$user" "$(cat "$dir/$user.password")"
  done
}

# sasl_listener_props MODE ID: the listener part of a SASL node's server.properties.
sasl_listener_props() {
  local mode=$1 id=$2 port cport admin
  port=$(client_port "$mode" "$id"); cport=$(controller_port "$mode" "$id")
  admin=$(cat "$(credentials_dir "$mode")/admin.password")
  cat <<PROPS
listeners=SASL_PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:ANONYMOUS
allow.everyone.if.no.acl.found=false
PROPS
}

# apply_acls MODE: the services' ACLs, written as admin through the first broker.
apply_acls() {
  command -v node >/dev/null || die "node is not installed (it writes the ACLs)"
  SASL_BOOTSTRAP=$(bootstrap_of "$1") SASL_CREDENTIALS=$(credentials_dir "$1") \
    node "$KAFKA_HOME/acls.mjs" </dev/null || die "kafka: writing the ACLs failed"
}
