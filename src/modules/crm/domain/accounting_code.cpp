#include "modules/crm/domain/accounting_code.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/text/search_text.hpp"
#include "core/text/utf8.hpp"

namespace comptoir::crm {
namespace {

constexpr std::size_t kMaxCodeLength = 17;  // Sage 100 "compte tiers" (CT_Num) length
constexpr int kMaxTokenWidth = 14;
constexpr std::string_view kCustomerPrefix = "411";  // PCG: 411 Clients

enum class Kind { Literal, Name, Seq, Id };

struct Part {
    Kind kind = Kind::Literal;
    std::string literal;
    int width = 0;  // for Id: 0 means "no padding"
};

bool is_code_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

tl::unexpected<FieldIssue> rule_issue(std::string code, std::string fr, std::string en) {
    return reject("accounting_rule." + code, std::move(fr), std::move(en));
}

// Parses "{NAME:5}" style token bodies ("NAME:5", "SEQ:3", "ID", "ID:6").
Checked<Part> parse_token(std::string body) {
    std::transform(body.begin(), body.end(), body.begin(), upper);
    const std::size_t colon = body.find(':');
    const std::string name = body.substr(0, colon);
    Part part;
    if (name == "NAME") part.kind = Kind::Name;
    else if (name == "SEQ") part.kind = Kind::Seq;
    else if (name == "ID") part.kind = Kind::Id;
    else {
        const std::string shown = quote_excerpt(name, 20);
        return rule_issue("unknown_token", "« {" + shown + "} » n'est pas reconnu : utilisez {NAME:n}, {SEQ:n} ou {ID}.",
                          "\"{" + shown + "}\" is not known: use {NAME:n}, {SEQ:n} or {ID}.");
    }
    if (colon == std::string::npos) {
        if (part.kind == Kind::Id) return part;
        return rule_issue("syntax", "Indiquez la longueur, par exemple {" + name + ":3}.",
                          "Give the length, for example {" + name + ":3}.");
    }
    const std::string digits = body.substr(colon + 1);
    const bool numeric = !digits.empty() && digits.size() <= 2 &&
                         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int width = numeric ? std::stoi(digits) : 0;
    if (width < 1 || width > kMaxTokenWidth) {
        return rule_issue("syntax", "La longueur de {" + name + ":n} doit être un nombre entre 1 et 14.",
                          "The length in {" + name + ":n} must be a number between 1 and 14.");
    }
    part.width = width;
    return part;
}

Checked<std::vector<Part>> parse_parts(std::string_view pattern) {
    std::vector<Part> parts;
    for (std::size_t i = 0; i < pattern.size();) {
        const char c = pattern[i];
        if (c == '{') {
            const std::size_t close = pattern.find('}', i);
            if (close == std::string_view::npos) {
                return rule_issue("syntax", "Une accolade « { » n'est pas refermée.", "A \"{\" is not closed.");
            }
            auto part = parse_token(std::string(pattern.substr(i + 1, close - i - 1)));
            if (!part) return tl::unexpected(part.error());
            const Kind kind = part->kind;
            if (std::any_of(parts.begin(), parts.end(), [&](const Part& p) { return p.kind == kind; })) {
                return rule_issue("syntax", "Chaque élément {…} ne peut figurer qu'une fois.",
                                  "Each {…} token may appear only once.");
            }
            parts.push_back(*part);
            i = close + 1;
            continue;
        }
        if (c == ' ') {  // spaces are for readability only
            ++i;
            continue;
        }
        if (!is_code_char(upper(c))) {
            std::size_t end = i;
            decode_utf8(pattern, end);
            const std::string shown = quote_excerpt(pattern.substr(i, end - i), 1);
            return rule_issue("invalid_char",
                              "Seules les lettres sans accent, les chiffres et les éléments {…} sont permis : « " + shown +
                                  " » ne l'est pas.",
                              "Only unaccented letters, digits and {…} tokens are allowed: \"" + shown + "\" is not.");
        }
        if (parts.empty() || parts.back().kind != Kind::Literal) parts.push_back(Part{});
        parts.back().literal.push_back(upper(c));
        ++i;
    }
    return parts;
}

std::string canonical(const std::vector<Part>& parts) {
    std::string out;
    for (const Part& p : parts) {
        switch (p.kind) {
            case Kind::Literal: out += p.literal; break;
            case Kind::Name: out += "{NAME:" + std::to_string(p.width) + "}"; break;
            case Kind::Seq: out += "{SEQ:" + std::to_string(p.width) + "}"; break;
            case Kind::Id: out += p.width ? "{ID:" + std::to_string(p.width) + "}" : std::string("{ID}"); break;
        }
    }
    return out;
}

// Words that say what kind of company it is, not which one.
bool is_legal_form(std::string_view word) {
    static constexpr std::array<std::string_view, 22> kForms = {
        "sarl", "sas", "sasu", "sa", "eurl", "snc", "sci", "scop", "scm", "scp", "selarl", "selas",
        "ei", "eirl", "gie", "ste", "societe", "ets", "etablissements", "sca", "scs", "earl"};
    return std::find(kForms.begin(), kForms.end(), word) != kForms.end();
}

std::string name_letters(std::string_view client_name) {
    const std::string folded = fold(client_name);
    std::vector<std::string_view> words;
    for (std::string_view rest = folded; !rest.empty();) {
        const std::size_t space = rest.find(' ');
        words.push_back(rest.substr(0, space));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    std::size_t first = 0;
    while (first < words.size() && is_legal_form(words[first])) ++first;
    if (first == words.size()) first = 0;  // the name is only a legal form: keep it
    std::string out;
    for (std::size_t w = first; w < words.size(); ++w) {
        for (char c : words[w]) {
            if (is_code_char(upper(c))) out.push_back(upper(c));
        }
    }
    return out;
}

std::string padded(std::int64_t n, int width) {
    std::string digits = std::to_string(std::max<std::int64_t>(n, 0));
    if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return digits;
}

}  // namespace

Checked<AccountingCodeRule> parse_rule(std::string_view pattern) {
    auto parts = parse_parts(pattern);
    if (!parts) return tl::unexpected(parts.error());
    if (parts->empty()) {
        return rule_issue("empty", "Saisissez la règle de numérotation, par exemple 411{NAME:5}{SEQ:3}.",
                          "Enter the numbering rule, for example 411{NAME:5}{SEQ:3}.");
    }
    if (parts->front().kind != Kind::Literal || !parts->front().literal.starts_with(kCustomerPrefix)) {
        return rule_issue("prefix", "La règle doit commencer par 411, le compte collectif des clients.",
                          "The rule must start with 411, the customers' control account.");
    }
    const bool unique = std::any_of(parts->begin(), parts->end(), [](const Part& p) {
        return p.kind == Kind::Seq || p.kind == Kind::Id;
    });
    if (!unique) {
        return rule_issue("not_unique",
                          "Ajoutez {SEQ:n} ou {ID} : sans numéro, deux clients de même nom auraient le même compte.",
                          "Add {SEQ:n} or {ID}: without a number, two clients with the same name would share an account.");
    }
    std::size_t length = 0;
    for (const Part& p : *parts) length += p.kind == Kind::Literal ? p.literal.size() : static_cast<std::size_t>(std::max(p.width, 1));
    if (length > kMaxCodeLength) {
        return rule_issue("too_long",
                          "Cette règle produit des codes de " + std::to_string(length) +
                              " caractères ; les logiciels comptables en acceptent 17 au plus.",
                          "This rule produces " + std::to_string(length) +
                              "-character codes; accounting software accepts at most 17.");
    }
    return AccountingCodeRule{canonical(*parts)};
}

std::string generate_code(const AccountingCodeRule& rule, std::string_view client_name, std::int64_t sequence,
                          std::int64_t client_id) {
    auto parsed = parse_parts(rule.pattern);
    if (!parsed || !parse_rule(rule.pattern)) parsed = parse_parts(AccountingCodeRule{}.pattern);
    std::vector<std::string> rendered;
    std::size_t name_index = parsed->size();
    const std::string letters = name_letters(client_name);
    for (const Part& p : *parsed) {
        switch (p.kind) {
            case Kind::Literal: rendered.push_back(p.literal); break;
            case Kind::Name:
                name_index = rendered.size();
                rendered.push_back(letters.substr(0, static_cast<std::size_t>(p.width)));
                break;
            case Kind::Seq: rendered.push_back(padded(sequence, p.width)); break;
            case Kind::Id: rendered.push_back(padded(client_id, p.width)); break;
        }
    }
    std::size_t length = 0;
    for (const auto& r : rendered) length += r.size();
    if (length > kMaxCodeLength && name_index < rendered.size()) {
        std::string& name = rendered[name_index];
        name.resize(name.size() - std::min(name.size(), length - kMaxCodeLength));
    }
    std::string code;
    for (const auto& r : rendered) code += r;
    return code;
}

Checked<std::string> normalise_accounting_code(std::string_view input) {
    std::string code;
    for (char c : input) {
        if (c != ' ' && c != '\t') code.push_back(upper(c));
    }
    if (code.empty()) {
        return reject("accounting_code.empty", "Saisissez le code comptable du client (par exemple 411DUPON001).",
                      "Enter the client's accounting code (for example 411DUPON001).");
    }
    for (std::size_t pos = 0; pos < code.size();) {
        const std::size_t start = pos;
        decode_utf8(code, pos);
        if (pos - start == 1 && is_code_char(code[start])) continue;
        const std::string shown = quote_excerpt(std::string_view(code).substr(start, pos - start), 1);
        return reject("accounting_code.invalid_char",
                      "Le code comptable ne contient que des lettres sans accent et des chiffres : « " + shown +
                          " » n'est pas accepté.",
                      "An accounting code contains only unaccented letters and digits: \"" + shown + "\" is not allowed.");
    }
    if (code.size() < 3 || code.size() > kMaxCodeLength) {
        return reject("accounting_code.length",
                      "Le code comptable doit comporter de 3 à 17 caractères (" + std::to_string(code.size()) +
                          (code.size() == 1 ? " saisi)." : " saisis)."),
                      "An accounting code has 3 to 17 characters (" + std::to_string(code.size()) + " given).");
    }
    if (!code.starts_with(kCustomerPrefix)) {
        return reject("accounting_code.prefix",
                      "Le compte d'un client commence par 411 (comptes clients du plan comptable général).",
                      "A customer account starts with 411 (customer accounts in the French chart of accounts).");
    }
    return code;
}

}  // namespace comptoir::crm
