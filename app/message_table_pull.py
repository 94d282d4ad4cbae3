"""Why a counter refuses what head office sent (app/pulled.py, db/pull_checks.py): code -> (中文, English),
merged into TABLE by app/message_table.py. A `why` is a clause that follows the record it is about."""

from __future__ import annotations

REFUSED_ZH = "：本次下发的数据全部拒收，本机数据未改动；请信息部门核查总部账务中心的"
REFUSED_EN = ": everything head office sent this time is refused and nothing here changed; IT checks whether head office's"

PULL_TABLE: dict[str, tuple[str, str]] = {
    # why one row or head office's entry is refused (app/pulled.py)
    "pull.no_version": ("没有版本号", " has no version"),
    "pull.stale": (
        "是旧版本（版本 {version}，本机已同步到版本 {cursor}），疑为重放的旧数据",
        " is an old version (version {version}, this PC holds version {cursor}): likely old data replayed",
    ),
    "pull.incomplete": ("记录不完整", " is incomplete"),
    "pull.not_hq": ("不是总部的记录", " is not head office's record"),
    "pull.replayed": (
        "是已核对过的旧记录（本机已核对到第 {seq} 笔），疑为重放",
        " was checked already (this PC checked up to entry {seq}): likely a replay",
    ),
    "pull.broken": (
        "没有接在本机已核对的第 {seq} 笔之后（缺号或链条断开）",
        " does not follow entry {seq} checked here (a gap or a broken chain)",
    ),
    "pull.altered": ("内容与其哈希不符（被改动）", " does not match its hash (altered)"),
    "pull.unsigned": ("没有总部签名", " is not signed by head office"),
    "pull.unknown_signer": (
        "签名者 {signer} 不是总部认可的写入方",
        " is signed by {signer}, not a writer head office recognises",
    ),
    "pull.bad_signature": (
        "签名校验不通过（签名后被改动）",
        " fails its signature check (altered after signing)",
    ),
    # the record a refusal is about (db/pull_checks.py)
    "pull.subject.policy": ("政策参数 {key}", "policy value {key}"),
    "pull.subject.customers": ("用户 {key}", "customer {key}"),
    "pull.subject.bills": ("账单 {key}", "bill {key}"),
    "pull.subject.clerks": ("收费员 {key}", "clerk {key}"),
    "pull.subject.refunds": ("退款单 {key}", "refund {key}"),
    # the whole pull refused (db/pull_checks.py)
    "pull.row": (
        "总部下发的{subject}{why}" + REFUSED_ZH + "数据是否被改动。",
        "Head office's {subject}{why}" + REFUSED_EN + " data was altered.",
    ),
    "pull.rows": (
        "总部下发的{subject}{why}（共 {count} 条如此）" + REFUSED_ZH + "数据是否被改动。",
        "Head office's {subject}{why} ({count} like it)" + REFUSED_EN + " data was altered.",
    ),
    "pull.uncertified": (
        "总部下发的{subject}等 {count} 条数据由终端 {signer} 写入，而它的密钥尚未经总部认证（开通步骤未完成，"
        "不是数据被改动）：本次下发的数据暂不接收，本机数据未改动；请总部执行 central terminal approve {signer}。",
        "Head office's {subject} and {count} rows in all were written by terminal {signer}, whose key head "
        "office has not certified yet (a set-up step left undone, not altered data): this pull is not taken "
        "and nothing here changed; head office runs central terminal approve {signer}.",
    ),
    "pull.hq_entry": (
        "总部账务中心第 {seq} 笔总部记录（{kind}）{why}" + REFUSED_ZH + "记录是否被改动。",
        "Head office's entry {seq} ({kind}){why}" + REFUSED_EN + " records were altered.",
    ),
    # a bill head office changed without the adjustment that explains it (db/pull_checks.py bill_refusal)
    "pull.change": ("{field} {old} → {new}", "{field} {old} → {new}"),
    "pull.bill_changed": (
        "总部下发的账单 {bill_id}（{period}）与本机不同（{changes}）{more_clause}，却没有说明这一改动的退补调整记录"
        "（或记录与之不符）：本次下发的数据全部拒收，本机账单未改动；请信息部门核查总部账务中心的账单是否被改动。",
        "Head office's bill {bill_id} ({period}) differs from this PC's ({changes}){more_clause} without an "
        "adjustment that explains it (or one that does not match): everything head office sent this time is "
        "refused and no bill here changed; IT checks whether head office's bills were altered.",
    ),
    "pull.more_bills": ("（共 {count} 张账单如此）", " ({count} bills like it)"),
    "pull.hq_key_changed": (
        "总部账务中心的公钥与本机首次同步时记录的不同：本次下发的数据全部拒收，本机数据未改动；"
        "请信息部门核查是否连到了别的账务中心或总部密钥被更换。",
        "Head office's public key differs from the one this PC recorded at its first sync: everything head "
        "office sent this time is refused and nothing here changed; IT checks whether this PC reached another "
        "ledger or head office's key was replaced.",
    ),
    # head office's books behind what it holds (issue 29, app/applied.py): the status bar's clause
    # the lag first: the status bar cuts a long sentence at its end (the tooltip holds it whole)
    "pull.status": (
        "{applied} · {head} · 待上传 {pending} 笔 · {last}",
        "{applied} · {head} · {pending} to upload · {last}",
    ),
    "pull.applied_behind": (
        "总部已入账至本机第 {applied} 笔，待入账 {awaiting} 笔（最早 {since}）",
        "head office applied this PC up to No. {applied}, {awaiting} to apply (the oldest from {since})",
    ),
    "pull.others_behind": (
        "总部尚有其他柜台 {count} 笔业务待入账（最早 {since}），所示欠费与余额未含这些业务",
        "head office has not yet applied {count} entries of other counters (the oldest from {since}): the "
        "bills and balances shown do not include them",
    ),
    "pull.both_behind": ("{mine}；{others}", "{mine}; {others}"),
    "pull.elsewhere": (
        "柜台 {terminals} 有该户 {count} 笔业务总部尚未入账（最早 {since}）：欠费与余额可能已变，收款前请核实",
        "counter {terminals} has {count} entries for this customer head office has not applied yet (the oldest "
        "from {since}): the bills and balance may have changed; check before taking money",
    ),
}
