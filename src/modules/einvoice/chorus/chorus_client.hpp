// The Chorus Pro API (the French public sector's invoicing portal), reached through the PISTE
// gateway as its public documentation describes it:
//   1. OAuth2 client credentials: POST {token_url}  grant_type=client_credentials, client_id,
//      client_secret, scope=openid  →  {"access_token": …}
//   2. every call: Authorization: Bearer <token>, cpro-account: base64("login:password") of the
//      Chorus Pro technical account, JSON bodies;
//   3. deposit a flow: POST {api_url}/cpro/factures/v1/deposer/flux  {"fichierFlux": base64(file),
//      "nomFichier": "FA-2026-00042.pdf", "syntaxeFlux": "IN_DP_E2_CII_FACTURX", "avecSignature": false}
//      → {"codeRetour": 0, "libelle": …, "numeroFluxDepot": …, "dateDepot": …}
//   4. its processing report: POST {api_url}/cpro/transverses/v1/consulterCR
//      {"numeroFluxDepot": …, "syntaxeFlux": …} → {"codeRetour": 0, "etatCourantFlux": "IN_INTEGRE" …}
// libcurl, TLS verified, 30 s timeouts; the secrets are never logged nor returned.
#pragma once

#include <string>

#include "core/error.hpp"

namespace comptoir::einvoice::chorus {

struct Credentials {
    std::string token_url;  // https://oauth.piste.gouv.fr/api/oauth/token (sandbox: sandbox-oauth…)
    std::string api_url;    // https://api.piste.gouv.fr (sandbox: sandbox-api…)
    std::string client_id, client_secret;    // the PISTE application
    std::string login, password;             // the Chorus Pro technical account
};

struct Deposit {
    std::string flow_number;  // numeroFluxDepot
    std::string deposited_at;
    std::string message;
};

struct Report {
    std::string state;    // etatCourantFlux: IN_DEPOSE, IN_EN_COURS_TRAITEMENT, IN_INTEGRE, IN_REJETE…
    std::string message;  // libelle / the rejection's reason
};

// Errors: chorus.unreachable, chorus.auth (token refused), chorus.refused (codeRetour ≠ 0, with
// its message), chorus.bad_answer.
Result<Deposit> deposit(const Credentials& c, const std::string& file, const std::string& file_name);
Result<Report> report(const Credentials& c, const std::string& flow_number);

// Our state for a Chorus state: "integrated", "rejected" or "pending".
std::string status_of(const std::string& state);

}  // namespace comptoir::einvoice::chorus
