#include "modules/einvoice/service/chorus_service.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/einvoice/chorus/chorus_client.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"

namespace comptoir::einvoice {
namespace {

bool can_submit(const Actor& a) { return a.role == Role::Admin || a.role == Role::Sales; }

Error client_not_found() { return Error::not_found("Ce client n'existe pas.", "This client does not exist."); }

bool valid_url(const std::string& u) { return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0; }

ChorusSubmission submission_of(const store::Row& r) {
    return {r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
}

constexpr const char* kSubmissionColumns = "id, flow_number, status, state, message, submitted_at, checked_at";

}  // namespace

std::string status_label_fr(const std::string& status) {
    if (status == "integrated") return "Intégrée par Chorus Pro";
    if (status == "rejected") return "Rejetée par Chorus Pro";
    return "Déposée, en cours de traitement";
}

PublicClient public_refs(store::Connection& conn, std::int64_t company_id, std::int64_t document_id, std::int64_t client_id) {
    if (auto r = conn.query_one("SELECT public_sector, service_code, commitment_number FROM einvoice_document_refs "
                                "WHERE company_id = ? AND document_id = ?",
                                {company_id, document_id}))
        return {r->boolean(0), r->text(1), r->text(2)};
    if (auto r = conn.query_one("SELECT public_sector, service_code, commitment_number FROM einvoice_public_clients "
                                "WHERE company_id = ? AND client_id = ?",
                                {company_id, client_id}))
        return {r->boolean(0), r->text(1), r->text(2)};
    return {};
}

void freeze_public_refs(store::Connection& conn, std::int64_t company_id, std::int64_t document_id, std::int64_t client_id) {
    auto r = conn.query_one("SELECT public_sector, service_code, commitment_number FROM einvoice_public_clients "
                            "WHERE company_id = ? AND client_id = ?",
                            {company_id, client_id});
    if (!r || !r->boolean(0)) return;
    conn.execute("INSERT INTO einvoice_document_refs (company_id, document_id, public_sector, service_code, commitment_number) "
                 "VALUES (?, ?, 1, ?, ?) ON CONFLICT (company_id, document_id) DO NOTHING",
                 {company_id, document_id, r->text(1), r->text(2)});
}

ChorusService::ChorusService(store::Database& db, EinvoiceService& einvoices) : db_(db), einvoices_(einvoices) {}

Result<PublicClient> ChorusService::public_client(const Actor& actor, std::int64_t client_id) {
    auto conn = db_.acquire();
    if (!conn->query_one("SELECT 1 FROM clients WHERE company_id = ? AND id = ?", {actor.company_id, client_id}))
        return fail(client_not_found());
    auto r = conn->query_one("SELECT public_sector, service_code, commitment_number FROM einvoice_public_clients "
                             "WHERE company_id = ? AND client_id = ?",
                             {actor.company_id, client_id});
    if (!r) return PublicClient{};
    return PublicClient{r->boolean(0), r->text(1), r->text(2)};
}

Result<PublicClient> ChorusService::set_public_client(const Actor& actor, std::int64_t client_id, const PublicClient& input) {
    if (!can_submit(actor)) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    if (input.service_code.size() > 100)
        issues.push_back({"service_code", "service_code.length", "Le code service ne dépasse pas 100 caractères.",
                          "The service code is at most 100 characters."});
    if (input.commitment_number.size() > 50)
        issues.push_back({"commitment_number", "commitment_number.length", "Le numéro d'engagement ne dépasse pas 50 caractères.",
                          "The commitment number is at most 50 characters."});
    if (!input.public_sector && (!input.service_code.empty() || !input.commitment_number.empty()))
        issues.push_back({"public_sector", "public_sector.required",
                          "Le code service et le numéro d'engagement ne concernent que les clients publics.",
                          "The service code and commitment number apply to public-sector clients only."});
    if (!issues.empty()) return fail(Error::invalid(issues));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<PublicClient> {
        if (!conn.query_one("SELECT 1 FROM clients WHERE company_id = ? AND id = ?", {actor.company_id, client_id}))
            return fail(client_not_found());
        conn.execute("INSERT INTO einvoice_public_clients (company_id, client_id, public_sector, service_code, commitment_number, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (company_id, client_id) DO UPDATE SET "
                     "public_sector = excluded.public_sector, service_code = excluded.service_code, "
                     "commitment_number = excluded.commitment_number, updated_at = excluded.updated_at",
                     {actor.company_id, client_id, std::int64_t{input.public_sector ? 1 : 0}, input.service_code,
                      input.commitment_number, now_iso()});
        audit::record(conn, actor, "client", client_id, "public_sector",
                      {{"public_sector", input.public_sector}, {"service_code", input.service_code},
                       {"commitment_number", input.commitment_number}});
        return input;
    });
}

Result<ChorusSettings> ChorusService::settings(const Actor& actor) {
    auto conn = db_.acquire();
    ChorusSettings s;
    if (auto r = conn->query_one("SELECT enabled, token_url, api_url, client_id, login, client_secret <> '', password <> '' "
                                 "FROM einvoice_chorus_settings WHERE company_id = ?",
                                 {actor.company_id})) {
        s = {r->boolean(0), r->text(1), r->text(2), r->text(3), r->text(4), r->boolean(5), r->boolean(6)};
    }
    return s;
}

Result<ChorusSettings> ChorusService::update_settings(const Actor& actor, const ChorusSettingsInput& in) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    if (!in.token_url.empty() && !valid_url(in.token_url))
        issues.push_back({"token_url", "url.invalid", "Adresse attendue : https://…", "Expected an https:// address."});
    if (!in.api_url.empty() && !valid_url(in.api_url))
        issues.push_back({"api_url", "url.invalid", "Adresse attendue : https://…", "Expected an https:// address."});
    if (in.enabled)
        for (auto [field, value] : {std::pair{"token_url", &in.token_url}, std::pair{"api_url", &in.api_url},
                                    std::pair{"client_id", &in.client_id}, std::pair{"login", &in.login}})
            if (value->empty())
                issues.push_back({field, "required", "Ce champ est obligatoire pour activer Chorus Pro.",
                                  "This field is required to enable Chorus Pro."});
    if (!issues.empty()) return fail(Error::invalid(issues));
    auto saved = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<void> {
        auto current = conn.query_one("SELECT client_secret, password FROM einvoice_chorus_settings WHERE company_id = ?",
                                      {actor.company_id});
        const std::string secret = in.client_secret ? *in.client_secret : (current ? current->text(0) : "");
        const std::string password = in.password ? *in.password : (current ? current->text(1) : "");
        if (in.enabled && (secret.empty() || password.empty()))
            return fail(Error::invalid_field(secret.empty() ? "client_secret" : "password", "required",
                                             "Ce secret est obligatoire pour activer Chorus Pro.",
                                             "This secret is required to enable Chorus Pro."));
        conn.execute("INSERT INTO einvoice_chorus_settings (company_id, enabled, token_url, api_url, client_id, client_secret, "
                     "login, password, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (company_id) DO UPDATE SET "
                     "enabled = excluded.enabled, token_url = excluded.token_url, api_url = excluded.api_url, "
                     "client_id = excluded.client_id, client_secret = excluded.client_secret, login = excluded.login, "
                     "password = excluded.password, updated_at = excluded.updated_at",
                     {actor.company_id, std::int64_t{in.enabled ? 1 : 0}, in.token_url, in.api_url, in.client_id, secret,
                      in.login, password, now_iso()});
        // The audit says what changed, never the secrets themselves.
        audit::record(conn, actor, "chorus_settings", actor.company_id, "update",
                      {{"enabled", in.enabled}, {"api_url", in.api_url}, {"client_id", in.client_id}, {"login", in.login},
                       {"client_secret_changed", in.client_secret.has_value()}, {"password_changed", in.password.has_value()}});
        return {};
    });
    if (!saved) return fail(saved.error());
    return settings(actor);
}

Result<ChorusSubmission> ChorusService::submit(const Actor& actor, std::int64_t document_id) {
    if (!can_submit(actor)) return fail(Error::forbidden());
    TRY_RESULT(inv, einvoices_.invoice(actor, document_id));  // issued invoice or credit note, of this company
    chorus::Credentials credentials;
    {
        auto conn = db_.acquire();
        auto doc = conn->query_one("SELECT client_id FROM documents WHERE company_id = ? AND id = ?", {actor.company_id, document_id});
        if (!doc) return fail(Error::not_found("Ce document n'existe pas.", "This document does not exist."));
        const PublicClient refs = public_refs(*conn, actor.company_id, document_id, doc->int64(0));
        if (!refs.public_sector)
            return fail(Error::conflict("chorus.not_public",
                                        "Ce client n'est pas un client public : marquez-le comme tel (code service, numéro "
                                        "d'engagement) pour lui envoyer ses factures par Chorus Pro.",
                                        "This client is not marked as public sector."));
        auto s = conn->query_one("SELECT enabled, token_url, api_url, client_id, client_secret, login, password "
                                 "FROM einvoice_chorus_settings WHERE company_id = ?",
                                 {actor.company_id});
        if (!s || !s->boolean(0))
            return fail(Error::conflict("chorus.not_configured",
                                        "Chorus Pro n'est pas configuré : renseignez le compte PISTE et le compte technique "
                                        "(Administration › Facturation électronique).",
                                        "Chorus Pro is not configured."));
        credentials = {s->text(1), s->text(2), s->text(3), s->text(4), s->text(5), s->text(6)};
    }
    bool siret = false;
    for (const auto& id : inv.buyer.ids) siret = siret || (id.scheme == "0009" && id.value.size() == 14);
    if (!siret)
        return fail(Error::invalid_field("client.siret", "chorus.buyer_siret",
                                         "Chorus Pro identifie l'acheteur public par son SIRET : renseignez-le sur la fiche client.",
                                         "Chorus Pro identifies the public buyer by its SIRET: fill it in on the client."));
    TRY_RESULT(file, einvoices_.export_document(actor, document_id, Format::FacturX));
    TRY_RESULT(deposit, chorus::deposit(credentials, file.bytes, file.filename));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<ChorusSubmission> {
        const std::string now = now_iso();
        const auto id = conn.insert("INSERT INTO einvoice_chorus_submissions (company_id, document_id, flow_number, status, state, "
                                    "message, submitted_at, submitted_by) VALUES (?, ?, ?, 'pending', 'IN_DEPOSE', ?, ?, ?)",
                                    {actor.company_id, document_id, deposit.flow_number, deposit.message, now, actor.user_id});
        audit::record(conn, actor, "document", document_id, "chorus_submit", {{"flow_number", deposit.flow_number}});
        return ChorusSubmission{id, deposit.flow_number, "pending", "IN_DEPOSE", deposit.message, now, ""};
    });
}

Result<ChorusSubmission> ChorusService::refresh(const Actor& actor, std::int64_t document_id) {
    chorus::Credentials credentials;
    ChorusSubmission last;
    {
        auto conn = db_.acquire();
        auto r = conn->query_one(std::string("SELECT ") + kSubmissionColumns +
                                     " FROM einvoice_chorus_submissions WHERE company_id = ? AND document_id = ? ORDER BY id DESC LIMIT 1",
                                 {actor.company_id, document_id});
        if (!r) return fail(Error::not_found("Ce document n'a pas été déposé sur Chorus Pro.", "This document was not submitted to Chorus Pro."));
        last = submission_of(*r);
        auto s = conn->query_one("SELECT token_url, api_url, client_id, client_secret, login, password FROM einvoice_chorus_settings "
                                 "WHERE company_id = ?",
                                 {actor.company_id});
        if (!s) return fail(Error::conflict("chorus.not_configured", "Chorus Pro n'est pas configuré.", "Chorus Pro is not configured."));
        credentials = {s->text(0), s->text(1), s->text(2), s->text(3), s->text(4), s->text(5)};
    }
    TRY_RESULT(report, chorus::report(credentials, last.flow_number));
    last.state = report.state;
    last.status = chorus::status_of(report.state);
    last.message = report.message;
    last.checked_at = now_iso();
    auto saved = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<void> {
        conn.execute("UPDATE einvoice_chorus_submissions SET status = ?, state = ?, message = ?, checked_at = ? "
                     "WHERE company_id = ? AND id = ?",
                     {last.status, last.state, last.message, last.checked_at, actor.company_id, last.id});
        return {};
    });
    if (!saved) return fail(saved.error());
    return last;
}

std::optional<std::pair<std::int64_t, PublicClient>> ChorusService::document_client(const Actor& actor, std::int64_t document_id) {
    auto conn = db_.acquire();
    auto doc = conn->query_one("SELECT client_id FROM documents WHERE company_id = ? AND id = ?", {actor.company_id, document_id});
    if (!doc) return std::nullopt;
    return std::pair{doc->int64(0), public_refs(*conn, actor.company_id, document_id, doc->int64(0))};
}

Result<std::vector<ChorusSubmission>> ChorusService::submissions(const Actor& actor, std::int64_t document_id) {
    auto conn = db_.acquire();
    std::vector<ChorusSubmission> out;
    for (const auto& r : conn->query(std::string("SELECT ") + kSubmissionColumns +
                                         " FROM einvoice_chorus_submissions WHERE company_id = ? AND document_id = ? ORDER BY id DESC",
                                     {actor.company_id, document_id}))
        out.push_back(submission_of(r));
    return out;
}

}  // namespace comptoir::einvoice
