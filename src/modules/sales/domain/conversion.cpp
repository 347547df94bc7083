#include "modules/sales/domain/conversion.hpp"

#include <algorithm>
#include <string>

namespace comptoir::sales {
namespace {

using S = DocumentStatus;
using T = DocumentType;

// A French article for "en <type>": "en facture", "en avoir", "en bon de commande".
std::string as_fr(DocumentType t) {
    std::string label(label_fr(t));
    label[0] = static_cast<char>(label[0] - 'A' + 'a');
    return "en " + label;
}

std::string as_en(DocumentType t) {
    std::string label(label_en(t));
    label[0] = static_cast<char>(label[0] - 'A' + 'a');
    const bool vowel = label[0] == 'a' || label[0] == 'e' || label[0] == 'i' || label[0] == 'o' || label[0] == 'u';
    return (vowel ? "an " : "a ") + label;
}

}  // namespace

std::vector<DocumentStatus> conversion_statuses(DocumentType from, DocumentType to) {
    switch (from) {
        case T::Quote:
            if (to == T::ProForma) return {S::Validated, S::Sent, S::Accepted};
            if (to == T::Order || to == T::DepositInvoice || to == T::Invoice || to == T::SituationInvoice) {
                return {S::Accepted};
            }
            return {};
        case T::Order:
            if (to == T::ProForma || to == T::DepositInvoice || to == T::Invoice || to == T::SituationInvoice) {
                return {S::Validated, S::InProgress, S::Shipped, S::Delivered};
            }
            return {};
        case T::ProForma:
        case T::ProvisionalInvoice:
            if (to == T::Invoice) return {S::Validated, S::Sent};
            return {};
        case T::Invoice:
        case T::DepositInvoice:
        case T::SituationInvoice:
            if (to == T::CreditNote) return {S::Validated, S::Sent};
            return {};
        case T::CreditNote:
            return {};
    }
    return {};
}

bool can_convert(DocumentType from, DocumentType to) { return !conversion_statuses(from, to).empty(); }

std::vector<DocumentType> conversions_from(DocumentType from) {
    std::vector<DocumentType> out;
    for (const DocumentType to : kAllDocumentTypes) {
        if (can_convert(from, to)) out.push_back(to);
    }
    return out;
}

Result<void> check_conversion(DocumentType from, DocumentStatus from_status, DocumentType to) {
    const auto allowed = conversion_statuses(from, to);
    if (allowed.empty()) {
        return fail(Error::conflict("document.invalid_conversion",
                                    "Impossible de transformer " + std::string(this_fr(from)) + " " + as_fr(to) + ".",
                                    "Cannot turn " + std::string(this_en(from)) + " into " + as_en(to) + "."));
    }
    if (std::find(allowed.begin(), allowed.end(), from_status) != allowed.end()) return {};
    std::string list_fr, list_en;
    for (const DocumentStatus s : allowed) {
        list_fr += (list_fr.empty() ? "" : ", ") + label_fr(s, from);
        list_en += (list_en.empty() ? "" : ", ") + std::string(label_en(s));
    }
    return fail(Error::conflict(
        "document.conversion_status",
        "Impossible de transformer " + std::string(this_fr(from)) + " " + as_fr(to) + " depuis l'état « " +
            label_fr(from_status, from) + " » (possible depuis : " + list_fr + ").",
        "Cannot turn " + std::string(this_en(from)) + " into " + as_en(to) + " from \"" +
            std::string(label_en(from_status)) + "\" (possible from: " + list_en + ")."));
}

}  // namespace comptoir::sales
