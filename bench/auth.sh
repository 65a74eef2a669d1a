# Sourced by the benchmark scripts: the packaged app runs in production mode, which needs token
# verification settings and a webhook signing secret. This makes a throw-away RSA key pair
# (target/bench-jwt), points the app at its public key, and mints TOKEN: a 24-hour RS256 bearer
# token for tenant "bench" with every role, signed with openssl, and READER_TOKEN (calc:read
# only). Rate limits are raised out of the way: the benchmarks measure throughput, not the limiter.
KEYS=target/bench-jwt
mkdir -p "$KEYS"
[ -f "$KEYS/private.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
}
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$PWD/$KEYS/public.pem
export MP_JWT_VERIFY_ISSUER=https://bench.ormcalc.local
export MP_JWT_VERIFY_AUDIENCES=ormcalc-api
export RATE_LIMIT_PER_SECOND=${RATE_LIMIT_PER_SECOND:-1000000}
export WEBHOOK_SIGNING_SECRET=${WEBHOOK_SIGNING_SECRET:-whsec_$(head -c 32 /dev/urandom | base64)}
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
# mint SUBJECT TENANT GROUPS_JSON: a 24-hour RS256 token signed with the bench key
mint() {
  local header claims signature
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  claims=$(printf '{"iss":"%s","aud":"%s","sub":"%s","upn":"%s","tenant":"%s","groups":%s,"iat":%d,"exp":%d}' \
    "$MP_JWT_VERIFY_ISSUER" "$MP_JWT_VERIFY_AUDIENCES" "$1" "$1" "$2" "$3" "$NOW" $((NOW + 86400)) | b64url)
  signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$KEYS/private.pem" | b64url)
  printf '%s.%s.%s' "$header" "$claims" "$signature"
}
TOKEN=$(mint bench bench '["calc:submit","calc:read","calc:admin"]')
# a tenant reader without administration: sees only tenant "bench"
READER_TOKEN=$(mint bench-reader bench '["calc:read"]')
export TOKEN READER_TOKEN
export AUTH_HEADER="Authorization: Bearer $TOKEN"
# needs COMMAND...: stops the benchmark at once when a tool it drives is missing (wrk comes from
# apt: apt-get install -y wrk), instead of waiting for work that was never sent
needs() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null || { echo "$0: needs $c (apt-get install -y $c)" >&2; exit 1; }
  done
}
