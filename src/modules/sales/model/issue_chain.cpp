#include "modules/sales/model/issue_chain.hpp"

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"

namespace comptoir::sales {

std::string canonical_content(const Document& d) {
    // nlohmann::ordered_json keeps insertion order, so the text is the same on every machine.
    nlohmann::ordered_json j;
    j["type"] = std::string(to_code(d.type));
    j["number"] = d.number;
    j["issue_date"] = d.issue_date;
    j["due_date"] = d.due_date;
    j["validity_date"] = d.validity_date;
    j["client_id"] = d.issued_client_id ? d.issued_client_id : d.client_id;
    j["client"] = d.client_json;
    j["seller"] = d.seller_json;
    j["title"] = d.title;
    j["payment_terms"] = d.payment_terms;
    j["payment_method"] = d.payment_method;
    j["customer_reference"] = d.customer_reference;
    j["operation"] = std::string(to_code(d.operation));
    j["notes"] = d.notes;
    j["discount_m"] = d.discount_percent.mantissa();
    j["retention_m"] = d.retention_percent.mantissa();
    j["source_id"] = d.source_id ? *d.source_id : 0;
    j["corrects_id"] = d.corrects_id ? *d.corrects_id : 0;
    j["situation_number"] = d.situation_number;
    j["prepaid_cents"] = d.prepaid.cents();
    j["total_excl_vat_cents"] = d.total_excl_vat.cents();
    j["total_vat_cents"] = d.total_vat.cents();
    j["total_incl_vat_cents"] = d.total_incl_vat.cents();
    j["amount_due_cents"] = d.amount_due.cents();
    j["validated_at"] = d.validated_at;
    auto lines = nlohmann::ordered_json::array();
    for (const auto& l : d.lines) {
        nlohmann::ordered_json x;
        x["kind"] = std::string(to_code(l.line.kind));
        x["reference"] = l.reference;
        x["description"] = l.line.description;
        x["quantity_m"] = l.line.quantity.mantissa();
        x["unit"] = l.line.unit;
        x["unit_price_m"] = l.line.unit_price.mantissa();
        x["discount_m"] = l.line.discount_percent.mantissa();
        x["vat_category"] = std::string(to_code(l.line.vat.category));
        x["vat_m"] = l.line.vat.percent.mantissa();
        x["vat_exemption"] = std::string(to_code(l.line.vat.exemption));
        x["unit_cost_m"] = l.line.unit_cost ? nlohmann::ordered_json(l.line.unit_cost->mantissa()) : nullptr;
        x["progress_m"] = l.progress_percent ? nlohmann::ordered_json(l.progress_percent->mantissa()) : nullptr;
        lines.push_back(std::move(x));
    }
    j["lines"] = std::move(lines);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string pdf_entry_content(std::int64_t document_id, const std::string& number, const std::string& pdf_sha256) {
    return "pdf\n" + std::to_string(document_id) + "\n" + number + "\n" + pdf_sha256;
}

std::string chain_hash(const std::string& previous_hash, std::int64_t seq, const std::string& canonical) {
    return sha256_hex(previous_hash + "\n" + std::to_string(seq) + "\n" + canonical);
}

}  // namespace comptoir::sales
