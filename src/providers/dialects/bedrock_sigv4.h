#pragma once
// AWS Signature Version 4: everything except the cryptography.
// Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
//
// The core builds the canonical request (method, canonical URI, canonical query,
// canonical headers) and the credential scope; the host's facade
// (bindings/sigv4.mjs) hashes the body, derives the signing key and computes the
// signature with WebCrypto, then adds `x-amz-date`, `x-amz-security-token` and
// `authorization`. No hashing or HMAC happens in C++.
//
// The `signing` object handed to the host:
//   {"algorithm": "AWS4-HMAC-SHA256", "region", "service",
//    "access_key_id"?, "secret_access_key"?, "session_token"?,   (absent: host credentials)
//    "amz_date": "20150830T123600Z", "credential_scope": "20150830/us-east-1/service/aws4_request",
//    "canonical_request": {"method", "uri", "query",
//                          "headers": [[name, value], ...]}}   (sorted, lower-case, trimmed)
// The host's canonical request is
//   method \n uri \n query \n (name:value \n)* \n name;name;... \n hex(sha256(body)).
#include <cstdint>
#include <string>
#include <string_view>

#include "providers/provider.h"

namespace gw::providers::sigv4 {

/// Static credentials from the config (all empty = the host supplies them).
struct Credentials {
  std::string accessKeyId;
  std::string secretAccessKey;
  std::string sessionToken;
};

/// `YYYYMMDD'T'HHMMSS'Z'` (UTC) for a time in ms since the epoch.
std::string amzDate(int64_t nowMs);

/// SigV4 URI encoding: every byte except A-Z a-z 0-9 - . _ ~ as %XX (upper-case
/// hex); '/' kept when `keepSlash`.
std::string uriEncode(std::string_view text, bool keepSlash = false);

/// The canonical URI of a path as it goes on the wire: each segment URI-encoded
/// (again) — for Bedrock, the model id `a.b-v2:0` travels as `a.b-v2%3A0` and
/// is signed as `a.b-v2%253A0`, as the AWS SDKs do. Empty path -> "/".
std::string canonicalUri(std::string_view path);

/// The canonical query string: parameters percent-decoded, URI-encoded, sorted by
/// name then value, joined with '&'; a parameter without '=' gets an empty value.
std::string canonicalQuery(std::string_view query);

/// The `signing` object for `request` (its URL and headers are final).
Json signingFor(const UpstreamRequest& request, const Credentials& credentials,
                std::string_view region, std::string_view service, int64_t nowMs);

}  // namespace gw::providers::sigv4
