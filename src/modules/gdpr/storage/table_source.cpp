#include "modules/gdpr/storage/table_source.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace comptoir::gdpr {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
    return out;
}

std::string with_neutral(std::string value, const std::string& neutral) {
    const std::string token = "{neutral}";
    for (std::size_t at; (at = value.find(token)) != std::string::npos;) value.replace(at, token.size(), neutral);
    return value;
}

// LIKE's own wildcards in a needle are matched literally.
std::string like_pattern(const std::string& needle) {
    std::string out = "%";
    for (char c : needle) {
        if (c == '%' || c == '_' || c == '!') out += '!';
        out += c;
    }
    return out + "%";
}

// Columns that hold numbers (ids, amounts in cents, flags, counters): exported as JSON numbers.
// Everything else stays text, even when it looks like one (postal codes, SIRET, phone numbers).
bool numeric_column(const std::string& name) {
    static const std::set<std::string> exact{"id",       "row_no",      "line",         "score",         "level",
                                             "granted",  "archived",    "has_delivery", "is_primary",    "cancelled",
                                             "public_sector", "email_consent", "sms_consent"};
    auto ends = [&](const std::string& suffix) {
        return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return exact.contains(name) || ends("_id") || ends("_cents") || ends("_by");
}

bool is_integer(const std::string& text) {
    const std::size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
    return text.size() > start && text.size() - start <= 18 &&
           std::all_of(text.begin() + start, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

nlohmann::json json_int(const std::string& text) { return nlohmann::json(std::stoll(text)); }

}  // namespace

bool is_identifier(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

TableSource::TableSource(TableSpec spec) : spec_(std::move(spec)) {
    std::vector<std::string> names{spec_.table, spec_.client_column};
    for (const auto& c : spec_.export_columns) names.push_back(c);
    for (const auto& c : spec_.contact_columns) names.push_back(c);
    for (const auto& [c, v] : spec_.scrub) names.push_back(c);
    for (const auto& c : spec_.scrub_identifiers_in) names.push_back(c);
    if (!spec_.activity_column.empty()) names.push_back(spec_.activity_column);
    for (const auto& n : names)
        if (!is_identifier(n)) throw std::invalid_argument("gdpr table source: not an identifier: " + n);
}

nlohmann::json rows_json(store::Connection& conn, const std::string& sql, const std::vector<store::Value>& params,
                         const std::vector<std::string>& columns) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : conn.query(sql, params)) {
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t i = 0; i < columns.size() && i < r.size(); ++i) {
            if (r.is_null(i)) {
                row[columns[i]] = nullptr;
                continue;
            }
            const std::string text = r.text(i);
            row[columns[i]] = numeric_column(columns[i]) && is_integer(text) ? json_int(text) : nlohmann::json(text);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void replace_text(store::Connection& conn, const std::string& table, const std::string& column, const std::string& filter,
                  const std::vector<store::Value>& filter_params, const std::vector<std::string>& needles,
                  const std::string& replacement) {
    for (const auto& needle : needles) {
        if (needle.empty() || needle == replacement) continue;
        std::vector<store::Value> params{needle, replacement};
        params.insert(params.end(), filter_params.begin(), filter_params.end());
        params.push_back(like_pattern(needle));
        conn.execute("UPDATE " + table + " SET " + column + " = REPLACE(" + column + ", ?, ?) WHERE " + filter + " AND " +
                         column + " LIKE ? ESCAPE '!'",
                     params);
    }
}

std::vector<Section> TableSource::collect(store::Connection& conn, const Person& person) {
    if (spec_.export_columns.empty()) return {};  // erasure only
    Section s{spec_.key, spec_.label_fr, spec_.label_en, nlohmann::json::array()};
    std::string sql = "SELECT " + join(spec_.export_columns, ", ") + " FROM " + spec_.table + " WHERE " +
                      spec_.client_filter;
    std::vector<store::Value> params{person.company_id, person.client_id};
    if (person.contact_id != 0) {
        // About one contact: only the rows that mention one of their e-mail addresses.
        if (spec_.contact_columns.empty() || person.emails.empty()) return {s};
        std::vector<std::string> any;
        for (const auto& email : person.emails)
            for (const auto& column : spec_.contact_columns) {
                any.push_back(column + " LIKE ? ESCAPE '!'");
                params.push_back(like_pattern(email));
            }
        sql += " AND (" + join(any, " OR ") + ")";
    }
    s.rows = rows_json(conn, sql + " ORDER BY 1", params, spec_.export_columns);
    return {s};
}

void TableSource::anonymise(store::Connection& conn, const Person& person) {
    const std::vector<store::Value> ids{person.company_id, person.client_id};
    if (person.contact_id == 0 && !spec_.scrub.empty()) {
        std::vector<std::string> sets;
        std::vector<store::Value> params;
        for (const auto& [column, value] : spec_.scrub) {
            sets.push_back(column + " = ?");
            params.push_back(with_neutral(value, person.neutral_name));
        }
        params.insert(params.end(), ids.begin(), ids.end());
        conn.execute("UPDATE " + spec_.table + " SET " + join(sets, ", ") + " WHERE " + spec_.client_filter +
                         (spec_.scrub_condition.empty() ? "" : " AND (" + spec_.scrub_condition + ")"),
                     params);
    }
    // Free text of the client's rows that quotes the person (a contact's address in recipients...).
    const std::string filter = spec_.client_filter +
                               (spec_.scrub_condition.empty() ? "" : " AND (" + spec_.scrub_condition + ")");
    for (const auto& column : spec_.scrub_identifiers_in)
        replace_text(conn, spec_.table, column, filter, ids, person.identifiers(), person.neutral_name);
}

std::map<std::int64_t, std::string> TableSource::last_activity(store::Connection& conn, std::int64_t company_id) {
    std::map<std::int64_t, std::string> out;
    if (spec_.activity_column.empty()) return out;
    for (const auto& r : conn.query("SELECT " + spec_.client_column + ", MAX(" + spec_.activity_column + ") FROM " +
                                        spec_.table + " WHERE company_id = ? GROUP BY " + spec_.client_column,
                                    {company_id}))
        out[r.int64(0)] = r.text(1);
    return out;
}

std::vector<std::string> Person::identifiers() const {
    std::vector<std::string> out;
    for (const auto& n : names)
        if (n.size() >= 4) out.push_back(n);
    out.insert(out.end(), emails.begin(), emails.end());
    out.insert(out.end(), phones.begin(), phones.end());
    for (const auto& id : legal_ids)
        if (id.size() >= 9) out.push_back(id);
    // Longest first, so "Jean Dupont" goes before "Dupont" would cut it.
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace comptoir::gdpr
