#include "reports/i18n/catalog.h"

#include <array>
#include <optional>
#include <string>

namespace attt::reports {

namespace {

struct Message {
    std::string_view key;
    std::string_view vi;
    std::string_view en;
};

// Terms follow DOMAIN.md's vocabulary for Vietnamese reports.
constexpr std::array kMessages{
    // Outcomes
    Message{"outcome.pass", "Đạt", "Pass"},
    Message{"outcome.fail", "Không đạt", "Fail"},
    Message{"outcome.error", "Lỗi", "Error"},
    Message{"outcome.not-applicable", "Không áp dụng", "Not applicable"},
    Message{"outcome.not-checked", "Chưa kiểm tra", "Not checked"},
    // Severities
    Message{"severity.critical", "Nghiêm trọng", "Critical"},
    Message{"severity.high", "Cao", "High"},
    Message{"severity.medium", "Trung bình", "Medium"},
    Message{"severity.low", "Thấp", "Low"},
    Message{"severity.info", "Thông tin", "Info"},
    // Approval of the level dossier
    Message{"approval.approved", "Đã phê duyệt", "Approved"},
    Message{"approval.pending", "Đang thẩm định", "Pending"},
    Message{"approval.not-submitted", "Chưa có hồ sơ", "Not submitted"},
    Message{"approval.expired", "Hết hiệu lực", "Expired"},
    // Target statuses
    Message{"status.ok", "Kết nối được", "Reachable"},
    Message{"status.unreachable", "Không kết nối được", "Unreachable"},
    Message{"status.timeout", "Quá thời gian chờ", "Timed out"},
    Message{"status.not-tls", "Không phải TLS", "Not TLS"},
    Message{"status.protocol-error", "Lỗi giao thức", "Protocol error"},
    Message{"status.error", "Lỗi khi thu thập", "Collection error"},
    // Run statuses
    Message{"run.running", "Đang chạy", "Running"},
    Message{"run.completed", "Hoàn thành", "Completed"},
    Message{"run.interrupted", "Bị gián đoạn", "Interrupted"},
    Message{"run.failed", "Thất bại", "Failed"},
    // Legal bases
    Message{"basis.nd85-2016", "Nghị định 85/2016/NĐ-CP", "Decree 85/2016/ND-CP"},
    Message{"basis.nd331-2026", "Nghị định 331/2026/NĐ-CP", "Decree 331/2026/ND-CP"},
    // Target kinds
    Message{"kind.system", "Hồ sơ hệ thống", "Registry record"},
    Message{"kind.tls-endpoint", "Điểm kết nối TLS", "TLS endpoint"},
    // Run report
    Message{"run.title", "Báo cáo kiểm tra, đánh giá an toàn thông tin", "Information security audit report"},
    Message{"run.run", "Lượt kiểm tra", "Audit run"},
    Message{"run.started", "Bắt đầu", "Started"},
    Message{"run.finished", "Kết thúc", "Finished"},
    Message{"run.status", "Trạng thái", "Status"},
    Message{"run.tool", "Công cụ", "Tool"},
    Message{"run.policies", "Bộ quy tắc", "Policies"},
    Message{"run.systems", "Hệ thống được kiểm tra", "Systems audited"},
    Message{"run.results", "Kết quả theo quy tắc", "Rule results"},
    Message{"run.open-findings", "Phát hiện chưa khắc phục", "Open findings"},
    Message{"run.system", "Hệ thống", "System"},
    Message{"run.unit", "Đơn vị", "Unit"},
    Message{"run.owner", "Chủ quản", "Owner"},
    Message{"run.contact", "Liên hệ", "Contact"},
    Message{"run.level", "Cấp độ", "Level"},
    Message{"run.approval", "Phê duyệt cấp độ", "Level approval"},
    Message{"run.decision", "Quyết định", "Decision"},
    Message{"run.basis", "Căn cứ pháp lý", "Legal basis"},
    Message{"run.target", "Đối tượng", "Target"},
    Message{"run.duration", "Thời gian", "Duration"},
    Message{"run.rule", "Quy tắc", "Rule"},
    Message{"run.severity", "Mức độ", "Severity"},
    Message{"run.outcome", "Kết quả", "Outcome"},
    Message{"run.evidence", "Bằng chứng", "Evidence"},
    Message{"run.remediation", "Biện pháp khắc phục", "Remediation"},
    Message{"run.passed-rules", "quy tắc đạt", "rules passed"},
    Message{"run.no-systems", "Lượt kiểm tra này chưa có hệ thống nào.", "This run has no systems yet."},
    // Summary report
    Message{"summary.title", "Báo cáo tổng hợp tình hình bảo đảm an toàn hệ thống thông tin theo cấp độ",
            "Summary: information systems security by level"},
    Message{"summary.generated", "Lập lúc", "Generated"},
    Message{"summary.based-on", "Số liệu từ lượt kiểm tra", "Figures from audit run"},
    Message{"summary.approved", "Hệ thống đã được phê duyệt cấp độ", "Systems with an approved level"},
    Message{"summary.compliant", "Hệ thống đạt toàn bộ yêu cầu đã kiểm tra", "Systems meeting every checked requirement"},
    Message{"summary.audited", "Hệ thống đã được kiểm tra", "Systems audited"},
    Message{"summary.findings", "Phát hiện chưa khắc phục theo mức độ", "Open findings by severity"},
    Message{"summary.by-level", "Tỷ lệ tuân thủ theo cấp độ", "Compliance by level"},
    Message{"summary.by-unit", "Xếp hạng đơn vị (tuân thủ thấp nhất trước)", "Units ranked (least compliant first)"},
    Message{"summary.top-rules", "Các yêu cầu không đạt nhiều nhất", "Most failed requirements"},
    Message{"summary.systems-failing", "Số hệ thống không đạt", "Systems failing"},
    Message{"summary.unreachable", "Điểm kết nối không kiểm tra được", "Endpoints that could not be scanned"},
    Message{"summary.critical", "Nghiêm trọng", "Critical"},
    Message{"summary.level-n", "Cấp độ", "Level"},
    Message{"summary.none", "Không có", "None"},
};

}  // namespace

std::optional<Lang> parse_lang(std::string_view text) {
    if (text == "vi") {
        return Lang::Vi;
    }
    if (text == "en") {
        return Lang::En;
    }
    return std::nullopt;
}

std::string_view tr(Lang lang, std::string_view key) {
    for (const auto& m : kMessages) {
        if (m.key == key) {
            return lang == Lang::Vi ? m.vi : m.en;
        }
    }
    return key;
}

std::string_view tr(Lang lang, std::string_view prefix, std::string_view name) {
    std::string key;
    key.reserve(prefix.size() + 1 + name.size());
    key.append(prefix).append(".").append(name);
    const std::string_view text = tr(lang, key);
    // An unknown name comes back as the composed key, which would dangle: return the name.
    return text.data() == key.data() ? name : text;
}

}  // namespace attt::reports
