// SPDX-License-Identifier: Apache-2.0
#include "archive/readme.hpp"

#include <fmt/format.h>

namespace sqma::archive {

std::string readme(const std::string& cycle_name, const std::filesystem::path& zip)
{
  const auto file = zip.filename().string();
  auto top = file;
  if (top.size() > 4 && top.substr(top.size() - 4) == ".zip") {
    top.resize(top.size() - 4);
  }
  return fmt::format(R"({0}: archive of the whole review cycle (评审周期归档)

This folder is a BagIt bag (RFC 8493, BagIt 1.0). data/ holds the files of the cycle as
they were when it was sealed: the cycle config, the dossiers with their histories, the
evidence bundles, the reviewer registry, score sheets, decisions, published notices and
certificates, and the public key the certificates are signed with.
manifest-sha256.txt lists the SHA-256 of every file under data/; tagmanifest-sha256.txt
lists the SHA-256 of bagit.txt, bag-info.txt, this README.txt and manifest-sha256.txt.
bag-info.txt names the cycle and its dates, counts the dossiers at each stage, and names
the public key (Sqma-Public-Key) and every certificate (Sqma-Certificate).

Checking it needs no sqma, only standard tools. After
    unzip {1}
    cd {2}

1. No file has changed and none is missing:
       sha256sum -c tagmanifest-sha256.txt
       sha256sum -c manifest-sha256.txt
   A path the manifest writes with %25, %0D or %0A stands for "%", CR or LF
   (RFC 8493 section 2.1.3); sha256sum reads it literally, so for such a file compare
   its digest by hand.

2. No file was added: every file under data/ is listed (diff prints nothing):
       find data -type f | LC_ALL=C sort > /tmp/present
       cut -c67- manifest-sha256.txt | LC_ALL=C sort > /tmp/listed
       diff /tmp/listed /tmp/present

3. The payload agrees with Payload-Oxum in bag-info.txt (<bytes>.<files>):
       find data -type f -printf '%s\n' | awk '{{ b += $1; n++ }} END {{ print b "." n }}'

4. Any BagIt validator accepts the folder, for example the Library of Congress's
   bagit-python: bagit.py --validate .

5. Each certificate is signed with Ed25519 by the key Sqma-Public-Key names. The signed
   bytes are the record's "certificate" object as compact JSON with sorted keys and
   unescaped UTF-8; the signature is the base64 of "signature". For one record R:
       python3 -c 'import json,sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1]))["certificate"], ensure_ascii=False, sort_keys=True, separators=(",", ":")))' R > message
       python3 -c 'import json,sys,base64; sys.stdout.buffer.write(base64.b64decode(json.load(open(sys.argv[1]))["signature"]))' R > signature
       openssl pkeyutl -verify -pubin -inkey KEY -rawin -in message -sigfile signature
   where KEY is the file Sqma-Public-Key names; openssl prints "Signature Verified
   Successfully".

With sqma, one command does all of this (and checks the certificate SVGs too):
    sqma archive verify {1}
)",
                     cycle_name, file, top);
}

} // namespace sqma::archive
