# Sourced by the benchmark scripts: the packaged app runs in production mode, which needs token
# verification settings and a webhook signing secret. This makes a throw-away RSA key pair
# (target/bench-jwt), points the app at its public key, and mints TOKEN: a 24-hour RS256 bearer
# token for tenant "bench" with every role, signed with openssl. Rate limits are raised out of the
# way: the benchmarks measure throughput, not the limiter.
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
HEADER=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
CLAIMS=$(printf '{"iss":"%s","aud":"%s","sub":"bench","upn":"bench","tenant":"bench","groups":["calc:submit","calc:read","calc:admin"],"iat":%d,"exp":%d}' \
  "$MP_JWT_VERIFY_ISSUER" "$MP_JWT_VERIFY_AUDIENCES" "$NOW" $((NOW + 86400)) | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$CLAIMS" | openssl dgst -sha256 -sign "$KEYS/private.pem" | b64url)
export TOKEN="$HEADER.$CLAIMS.$SIGNATURE"
export AUTH_HEADER="Authorization: Bearer $TOKEN"
