#include "modules/sales/domain/document_status.hpp"

#include <algorithm>
#include <utility>

#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace comptoir::sales {
namespace {

using S = DocumentStatus;

struct StatusInfo {
    DocumentStatus status;
    std::string_view code;
    std::string_view fr_masculine;
    std::string_view fr_feminine;
    std::string_view en;
};

constexpr std::array<StatusInfo, 11> kStatuses = {{
    {S::Draft, "draft", "Brouillon", "Brouillon", "Draft"},
    {S::Validated, "validated", "Validé", "Validée", "Validated"},
    {S::Sent, "sent", "Envoyé", "Envoyée", "Sent"},
    {S::Accepted, "accepted", "Accepté", "Acceptée", "Accepted"},
    {S::Refused, "refused", "Refusé", "Refusée", "Refused"},
    {S::Expired, "expired", "Expiré", "Expirée", "Expired"},
    {S::InProgress, "in_progress", "En cours", "En cours", "In progress"},
    {S::Shipped, "shipped", "Expédié", "Expédiée", "Shipped"},
    {S::Delivered, "delivered", "Livré", "Livrée", "Delivered"},
    {S::Closed, "closed", "Clôturé", "Clôturée", "Closed"},
    {S::Cancelled, "cancelled", "Annulé", "Annulée", "Cancelled"},
}};

const StatusInfo& info(DocumentStatus status) {
    for (const auto& s : kStatuses) {
        if (s.status == status) return s;
    }
    return kStatuses.front();
}

using Edge = std::pair<DocumentStatus, DocumentStatus>;

// The allowed moves, per family of types; everything else is refused.
constexpr std::array<Edge, 8> kQuoteEdges = {{
    {S::Draft, S::Validated},
    {S::Validated, S::Sent},
    {S::Validated, S::Accepted},
    {S::Validated, S::Refused},
    {S::Validated, S::Expired},
    {S::Sent, S::Accepted},
    {S::Sent, S::Refused},
    {S::Sent, S::Expired},
}};

constexpr std::array<Edge, 8> kOrderEdges = {{
    {S::Draft, S::Validated},
    {S::Validated, S::InProgress},
    {S::Validated, S::Cancelled},
    {S::InProgress, S::Shipped},
    {S::InProgress, S::Delivered},
    {S::InProgress, S::Cancelled},
    {S::Shipped, S::Delivered},
    {S::Delivered, S::Closed},
}};

constexpr std::array<Edge, 2> kIssueEdges = {{
    {S::Draft, S::Validated},
    {S::Validated, S::Sent},
}};

std::vector<Edge> edges_of(DocumentType type) {
    switch (type) {
        case DocumentType::Quote:
            return {kQuoteEdges.begin(), kQuoteEdges.end()};
        case DocumentType::Order:
            return {kOrderEdges.begin(), kOrderEdges.end()};
        case DocumentType::ProForma:
        case DocumentType::ProvisionalInvoice:
        case DocumentType::Invoice:
        case DocumentType::DepositInvoice:
        case DocumentType::SituationInvoice:
        case DocumentType::CreditNote:
            break;
    }
    return {kIssueEdges.begin(), kIssueEdges.end()};
}

std::string quoted_fr(std::string s) { return "« " + s + " »"; }
std::string quoted_en(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

std::string_view to_code(DocumentStatus status) { return info(status).code; }
std::string_view label_en(DocumentStatus status) { return info(status).en; }

std::string label_fr(DocumentStatus status, DocumentType type) {
    return std::string(is_feminine_fr(type) ? info(status).fr_feminine : info(status).fr_masculine);
}

Checked<DocumentStatus> parse_document_status(std::string_view code) {
    std::string c = trim(code);
    for (char& ch : c) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    for (const auto& s : kStatuses) {
        if (s.code == c) return s.status;
    }
    const std::string shown = quote_excerpt(code);
    return reject("document_status.unknown", "« " + shown + " » n'est pas un état de document connu.",
                  "\"" + shown + "\" is not a known document status.");
}

std::vector<DocumentStatus> statuses_of(DocumentType type) {
    switch (type) {
        case DocumentType::Quote:
            return {S::Draft, S::Validated, S::Sent, S::Accepted, S::Refused, S::Expired};
        case DocumentType::Order:
            return {S::Draft, S::Validated, S::InProgress, S::Shipped, S::Delivered, S::Closed, S::Cancelled};
        default:
            return {S::Draft, S::Validated, S::Sent};
    }
}

std::vector<DocumentStatus> next_statuses(DocumentType type, DocumentStatus from) {
    std::vector<DocumentStatus> out;
    for (const Edge& e : edges_of(type)) {
        if (e.first == from) out.push_back(e.second);
    }
    return out;
}

bool can_transition(DocumentType type, DocumentStatus from, DocumentStatus to) {
    const auto edges = edges_of(type);
    return std::find(edges.begin(), edges.end(), Edge{from, to}) != edges.end();
}

Result<DocumentStatus> transition(DocumentType type, DocumentStatus from, DocumentStatus to) {
    const auto known = statuses_of(type);
    if (std::find(known.begin(), known.end(), to) == known.end()) {
        return fail(Error::invalid_field(
            "status", "document.unknown_status",
            "L'état " + quoted_fr(label_fr(to, type)) + " n'existe pas pour " + std::string(this_fr(type)) + ".",
            "The status " + quoted_en(label_en(to)) + " does not exist for " + std::string(this_en(type)) + "."));
    }
    if (can_transition(type, from, to)) return to;

    std::string fr, en;
    if (from == to) {
        std::string subject(this_fr(type));
        subject[0] = static_cast<char>(subject[0] - 'a' + 'A');  // "ce"/"cet"/"cette" start with an ASCII letter
        fr = subject + " est déjà à l'état " + quoted_fr(label_fr(to, type)) + ".";
        std::string subject_en(this_en(type));
        subject_en[0] = 'T';
        en = subject_en + " is already " + quoted_en(label_en(to)) + ".";
    } else {
        fr = "Impossible de passer " + std::string(this_fr(type)) + " de l'état " + quoted_fr(label_fr(from, type)) +
             " à l'état " + quoted_fr(label_fr(to, type)) + ".";
        en = "Cannot move " + std::string(this_en(type)) + " from " + quoted_en(label_en(from)) + " to " +
             quoted_en(label_en(to)) + ".";
    }
    if (to == S::Draft && from != S::Draft && is_legal_invoice(type)) {
        if (type == DocumentType::CreditNote) {
            fr += " Un avoir validé ne se modifie plus : pour l'annuler, émettez une facture.";
            en += " A validated credit note cannot change: to cancel it, issue an invoice.";
        } else {
            fr += " Une facture validée ne se modifie plus : corrigez-la par un avoir.";
            en += " A validated invoice cannot change: correct it with a credit note.";
        }
    }
    return fail(Error::conflict("document.invalid_transition", std::move(fr), std::move(en)));
}

bool is_editable(DocumentStatus status) { return status == S::Draft; }

bool assigns_number(DocumentStatus from, DocumentStatus to) { return from == S::Draft && to == S::Validated; }

}  // namespace comptoir::sales
