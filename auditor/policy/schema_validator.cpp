#include "auditor/policy/schema_validator.h"

#include <vector>

#include <fmt/format.h>

#include "auditor/core/limits.h"
#include "auditor/core/place.h"
#include "auditor/core/text_file.h"
#include "auditor/policy/safe_xml.h"

namespace attt::policy {

namespace {

// Enough schema messages to fix a file; more would drown the first, most useful ones.
constexpr std::size_t kMaxSchemaMessages = 20;

struct ErrorCollector {
    const std::string* path;
    std::vector<std::string> messages;
};

void collect_error(void* user, xmlError* error) {
    auto* collector = static_cast<ErrorCollector*>(user);
    if (collector->messages.size() >= kMaxSchemaMessages || error == nullptr) {
        return;
    }
    std::string message = error->message == nullptr ? "schema error" : error->message;
    while (!message.empty() && message.back() == '\n') {
        message.pop_back();
    }
    collector->messages.push_back(fmt::format(
        "{}: {}", file_place(*collector->path, static_cast<std::size_t>(error->line)), message));
}

}  // namespace

Result<SchemaValidator> SchemaValidator::load(const std::string& xsd_path) {
    auto text = read_text_file(xsd_path, limits::kMaxPolicyBytes);
    if (!text) {
        return tl::unexpected(text.error());
    }
    initialise_libxml();
    XmlSchemaParserCtxtPtr parser(
        xmlSchemaNewMemParserCtxt(text->data(), static_cast<int>(text->size())));
    ErrorCollector collector{&xsd_path, {}};
    xmlSchemaSetParserStructuredErrors(parser.get(), collect_error, &collector);
    XmlSchemaPtr schema(parser ? xmlSchemaParse(parser.get()) : nullptr);
    if (!schema) {
        return fail(fmt::format("{}: the policy schema does not compile", xsd_path),
                    std::move(collector.messages));
    }
    return SchemaValidator(std::move(schema));
}

Result<void> SchemaValidator::validate(const std::string& path, xmlDoc* doc) const {
    XmlSchemaValidCtxtPtr ctxt(xmlSchemaNewValidCtxt(schema_.get()));
    ErrorCollector collector{&path, {}};
    xmlSchemaSetValidStructuredErrors(ctxt.get(), collect_error, &collector);
    if (xmlSchemaValidateDoc(ctxt.get(), doc) != 0) {
        std::string first = collector.messages.empty() ? path + ": does not match the policy schema"
                                                       : collector.messages.front();
        return fail(first, std::move(collector.messages));
    }
    return {};
}

}  // namespace attt::policy
