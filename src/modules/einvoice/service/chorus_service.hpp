// Chorus Pro: public-sector clients (flag, service code, commitment number), the company's
// connection settings, deposits of issued invoices' Factur-X and their processing state.
//
// Permissions: everyone reads; admins and sales mark clients and submit; only admins change the
// connection settings. Secrets (PISTE client secret, technical account password) are write-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace comptoir::einvoice {

class EinvoiceService;

struct PublicClient {
    bool public_sector = false;
    std::string service_code;       // BT-10 for Chorus Pro (code service exécutant)
    std::string commitment_number;  // BT-13 (numéro d'engagement)
};

struct ChorusSettings {
    bool enabled = false;
    std::string token_url, api_url, client_id, login;
    bool client_secret_set = false, password_set = false;
};
struct ChorusSettingsInput {
    bool enabled = false;
    std::string token_url, api_url, client_id, login;
    std::optional<std::string> client_secret, password;  // nullopt: keep the stored one
};

struct ChorusSubmission {
    std::int64_t id = 0;
    std::string flow_number, status, state, message, submitted_at, checked_at;
};

class ChorusService {
public:
    ChorusService(store::Database& db, EinvoiceService& einvoices);

    Result<PublicClient> public_client(const Actor& actor, std::int64_t client_id);
    Result<PublicClient> set_public_client(const Actor& actor, std::int64_t client_id, const PublicClient& input);

    Result<ChorusSettings> settings(const Actor& actor);
    Result<ChorusSettings> update_settings(const Actor& actor, const ChorusSettingsInput& input);

    // Deposits the document's Factur-X. Errors: einvoice.not_issued, chorus.not_public (the client is
    // not marked public sector), chorus.not_configured, chorus.buyer_siret, and the API's.
    Result<ChorusSubmission> submit(const Actor& actor, std::int64_t document_id);
    // Asks Chorus Pro for the state of the document's last deposit and records it.
    Result<ChorusSubmission> refresh(const Actor& actor, std::int64_t document_id);
    Result<std::vector<ChorusSubmission>> submissions(const Actor& actor, std::int64_t document_id);
    // The document's client and its public-sector data as the e-invoice carries them.
    std::optional<std::pair<std::int64_t, PublicClient>> document_client(const Actor& actor, std::int64_t document_id);

private:
    store::Database& db_;
    EinvoiceService& einvoices_;
};

// The public-sector data of a document: frozen at issue when it was, else its client's now.
PublicClient public_refs(store::Connection& conn, std::int64_t company_id, std::int64_t document_id, std::int64_t client_id);
// Called when a document is issued: copies its client's public-sector data onto it.
void freeze_public_refs(store::Connection& conn, std::int64_t company_id, std::int64_t document_id, std::int64_t client_id);

std::string status_label_fr(const std::string& status);

}  // namespace comptoir::einvoice
