<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <location filename="../arrears_filters.py" line="72" />
        <location filename="../arrears_filters.py" line="75" />
        <location filename="../arrears_filters.py" line="84" />
        <location filename="../arrears_filters.py" line="85" />
        <location filename="../arrears_filters.py" line="88" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="80" />
        <location filename="../arrears_filters.py" line="83" />
        <source>不限</source>
        <translation>any</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="96" />
        <source>风险等级(&amp;G)</source>
        <translation>Risk &amp;grade</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="97" />
        <source>用户类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="98" />
        <source>账龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="99" />
        <source>欠费本金 ≥ 元</source>
        <translation>Owed ≥ ¥</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="100" />
        <source>≤ 元</source>
        <translation>≤ ¥</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="101" />
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="102" />
        <source>责任收费员</source>
        <translation>Responsible clerk</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="103" />
        <source>停电通知</source>
        <translation>Stop-power notice</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="104" />
        <source>排序</source>
        <translation>Sort</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="180" />
        <source>请将现金退给顾客</source>
        <translation>hand the cash back to the customer</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="180" />
        <source>请按原支付方式退款</source>
        <translation>refund by the original method</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="182" />
        <source>凭证 %1 已冲正，退款 %2 元；%3。</source>
        <translation>Receipt %1 voided, ¥%2 refunded; %3.</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="81" />
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="81" />
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="83" />
        <source>%1 元</source>
        <translation>¥ %1</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="85" />
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="49" />
        <source>凭证 %1 · %2 %3</source>
        <translation>Receipt %1 · %2 %3</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="55" />
        <source>现金从钱箱退还顾客</source>
        <translation>cash from the drawer back to the customer</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="57" />
        <source>按原支付方式退还（%1）</source>
        <translation>back by the original method (%1)</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="62" />
        <source>退款 %1 元：%2</source>
        <translation>Refund ¥%1: %2</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="65" />
        <source>  账期 %1 恢复欠费 %2 元</source>
        <translation>  period %1 owed again ¥%2</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="68" />
        <source>，违约金 %1 元</source>
        <translation>, late fee ¥%1</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="72" />
        <source>  预存余额 %1 元</source>
        <translation>  prepaid balance ¥%1</translation>
    </message>
<message><source>居民违约金（‰/日）</source><translation>Residential late fee (‰/day)</translation></message><message><source>非居民当年欠费（‰/日）</source><translation>Non-residential, current year (‰/day)</translation></message><message><source>非居民跨年欠费（‰/日）</source><translation>Non-residential, past years (‰/day)</translation></message><message><source>宽限天数</source><translation>Grace days</translation></message><message><source>违约金最低（元）</source><translation>Minimum late fee (¥)</translation></message><message><source>先收违约金后收电费</source><translation>Late fee before principal</translation></message><message><source>居民允许部分缴费</source><translation>Residential partial payment</translation></message><message><source>非居民允许分次结算</source><translation>Non-residential instalments</translation></message><message><source>单次购电上限（元）</source><translation>Maximum single purchase (¥)</translation></message><message><source>囤积金额上限（元）</source><translation>Maximum hoarded balance (¥)</translation></message><message><source>补卡费（元）</source><translation>Replacement card fee (¥)</translation></message><message><source>结班差额需主管审批（元）</source><translation>Shift difference needing a supervisor (¥)</translation></message><message><source>欠费多少天后可停电</source><translation>Days overdue before a stop</translation></message><message><source>居民停电通知提前天数</source><translation>Notice days, residential</translation></message><message><source>非居民停电通知提前天数</source><translation>Notice days, others</translation></message><message><source>现金</source><translation>Cash</translation></message><message><source>银行卡</source><translation>Bank card</translation></message><message><source>微信</source><translation>WeChat</translation></message><message><source>支付宝</source><translation>Alipay</translation></message><message><source>云闪付</source><translation>UnionPay</translation></message><message><source>支票</source><translation>Cheque</translation></message><message><source>0–30 天</source><translation>0–30 days</translation></message><message><source>31–60 天</source><translation>31–60 days</translation></message><message><source>61–90 天</source><translation>61–90 days</translation></message><message><source>90 天以上</source><translation>over 90 days</translation></message><message><source>超过 30 天（可提停电）</source><translation>over 30 days (notice possible)</translation></message><message><source>欠费金额从高到低</source><translation>amount owed, highest first</translation></message><message><source>账龄从长到短</source><translation>age, oldest first</translation></message><message><source>户号</source><translation>Customer no.</translation></message><message><source>Ⅰ级（高风险）</source><translation>Grade I (high risk)</translation></message><message><source>Ⅱ级（中风险）</source><translation>Grade II (medium risk)</translation></message><message><source>Ⅲ级（关注）</source><translation>Grade III (watch)</translation></message><message><source>居民</source><translation>Residential</translation></message><message><source>一般工商业</source><translation>Commercial</translation></message><message><source>大工业</source><translation>Industrial</translation></message><message><source>农业</source><translation>Agricultural</translation></message><message><source>已提出</source><translation>proposed</translation></message><message><source>已审批</source><translation>approved</translation></message><message><source>已送达</source><translation>served</translation></message><message><source>已再次通知</source><translation>reminded</translation></message><message><source>已撤销</source><translation>cancelled</translation></message><message><source>无</source><translation>none</translation></message><message><source>100元</source><translation>¥100</translation></message><message><source>50元</source><translation>¥50</translation></message><message><source>20元</source><translation>¥20</translation></message><message><source>10元</source><translation>¥10</translation></message><message><source>5元</source><translation>¥5</translation></message><message><source>1元</source><translation>¥1</translation></message><message><source>5角</source><translation>¥0.50</translation></message><message><source>1角</source><translation>¥0.10</translation></message><message><source>5分</source><translation>¥0.05</translation></message><message><source>2分</source><translation>¥0.02</translation></message><message><source>1分</source><translation>¥0.01</translation></message><message><source>无风险等级</source><translation>no risk grade</translation></message><message><source>模拟读卡器</source><translation>Simulated reader</translation></message><message><source>POS 参考号</source><translation>POS reference</translation></message><message><source>微信交易单号</source><translation>WeChat transaction no.</translation></message><message><source>支付宝交易单号</source><translation>Alipay transaction no.</translation></message><message><source>云闪付交易单号</source><translation>UnionPay transaction no.</translation></message><message><source>支票号和开户行</source><translation>cheque no. and bank</translation></message><message><source>缴费</source><translation>payment</translation></message><message><source>购电</source><translation>Purchase</translation></message><message><source>补卡费</source><translation>card fee</translation></message><message><source>预收冲抵</source><translation>prepaid offset</translation></message><message><source>收费员</source><translation>Clerk</translation></message><message><source>主管</source><translation>Supervisor</translation></message><message><source>系统管理员</source><translation>Administrator</translation></message><message><source>登录</source><translation>login</translation></message><message><source>修改密码</source><translation>PIN changed</translation></message><message><source>解除锁定</source><translation>unlock</translation></message><message><source>冲正</source><translation>reversal</translation></message><message><source>违约金减免</source><translation>late-fee waiver</translation></message><message><source>日结签认</source><translation>day sign-off</translation></message><message><source>结班后重打凭证</source><translation>reprint after the shift</translation></message><message><source>停电审批</source><translation>stop-power notice</translation></message><message><source>扫码对账差异</source><translation>scanned-payment difference</translation></message><message><source>账单调整</source><translation>bill adjustment</translation></message><message><source>结班差额</source><translation>cash difference at close</translation></message><message><source>设置他人密码</source><translation>PIN set for another</translation></message><message><source>审批登录</source><translation>approve log in</translation></message><message><source>审批修改密码</source><translation>approve change the PIN</translation></message><message><source>审批解除锁定</source><translation>approve unlock</translation></message><message><source>审批冲正</source><translation>approve reversal</translation></message><message><source>审批违约金减免</source><translation>approve late-fee waiver</translation></message><message><source>审批日结签认</source><translation>approve day sign-off</translation></message><message><source>审批结班后重打凭证</source><translation>approve reprint after the shift</translation></message><message><source>审批停电审批</source><translation>approve stop-power notice</translation></message><message><source>审批扫码对账差异</source><translation>approve scanned-payment difference</translation></message><message><source>审批账单调整</source><translation>approve bill adjustment</translation></message><message><source>审批结班差额</source><translation>approve cash difference at close</translation></message><message><source>审批设置他人密码</source><translation>approve set another's PIN</translation></message><message><source>当面送达</source><translation>in person</translation></message><message><source>邮寄送达</source><translation>by post</translation></message><message><source>现场张贴</source><translation>posted on site</translation></message><message><source>短信通知</source><translation>by SMS</translation></message><message><source>电话通知</source><translation>by phone</translation></message><message><source>总部账务中心</source><translation>Head-office ledger</translation></message><message><source>备份</source><translation>the backup</translation></message><message><source>用户</source><translation>customer</translation></message><message><source>人员</source><translation>clerk</translation></message><message><source>账单</source><translation>bill</translation></message><message><source>户名</source><translation>Name</translation></message><message><source>地址</source><translation>Address</translation></message><message><source>表号</source><translation>Meter no.</translation></message><message><source>终端号</source><translation>Terminal ID</translation></message><message><source>金额</source><translation>amount</translation></message><message><source>缴费截止日</source><translation>Due date</translation></message><message><source>电量</source><translation>kWh</translation></message><message><source>营业厅编号</source><translation>hall id</translation></message><message><source>营业厅名称</source><translation>Hall name</translation></message><message><source>工号</source><translation>ID</translation></message><message><source>姓名</source><translation>name</translation></message><message><source>收单机构无此交易</source><translation>not at the acquirer</translation></message><message><source>本机未入账</source><translation>not booked here</translation></message><message><source>金额不符</source><translation>amounts differ</translation></message><message><source>手工登记交易号，已核实</source><translation>typed reference, confirmed</translation></message><message><source>待对账单核对</source><translation>awaiting the statement</translation></message></context>
<context>
    <name>AgeingChart</name>
    <message>
        <location filename="../ageing_chart.py" line="45" />
        <source>欠费账龄图</source>
        <translation>Arrears ageing chart</translation>
    </message>
    <message>
        <location filename="../ageing_chart.py" line="57" />
        <source>%1：%2，%3 户，占 %4</source>
        <translation>%1: %2, %3 customers, %4</translation>
    </message>
    <message>
        <location filename="../ageing_chart.py" line="77" />
        <source>欠费账龄（按最早一笔欠费的逾期天数）</source>
        <translation>Arrears age (days overdue of the oldest bill)</translation>
    </message>
    <message>
        <location filename="../ageing_chart.py" line="84" />
        <source>没有符合条件的欠费。</source>
        <translation>No arrears match.</translation>
    </message>
    <message>
        <location filename="../ageing_chart.py" line="91" />
        <source>合计 %1，%2 户</source>
        <translation>Total %1, %2 customers</translation>
    </message>
    <message>
        <location filename="../ageing_chart.py" line="120" />
        <source>%1　%2 户　占 %3</source>
        <translation>%1   %2 customers   %3</translation>
    </message>
    <message>
        <location filename="../ageing_chart.py" line="137" />
        <source>条形长度按欠费本金（不含违约金）；户数按最早一笔欠费的账龄归类。</source>
        <translation>Bar length: principal owed (without late fees); customers counted by the age of their oldest bill.</translation>
    </message>
<message><source>0–30 天</source><translation>0–30 days</translation></message><message><source>31–60 天</source><translation>31–60 days</translation></message><message><source>61–90 天</source><translation>61–90 days</translation></message><message><source>90 天以上</source><translation>over 90 days</translation></message></context>
<context>
    <name>ArrearsFilters</name>
    <message>
        <location filename="../arrears_filters.py" line="144" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="147" />
        <source>最低欠费金额</source>
        <translation>Minimum owed</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="148" />
        <source>最高欠费金额</source>
        <translation>Maximum owed</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="167" />
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="168" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="169" />
        <source>账龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="170" />
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="171" />
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="172" />
        <source>停电通知</source>
        <translation>Stop-power notice</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="177" />
        <source>本金 ≥ %1 元</source>
        <translation>principal ≥ ¥%1</translation>
    </message>
    <message>
        <location filename="../arrears_filters.py" line="179" />
        <source>本金 ≤ %1 元</source>
        <translation>principal ≤ ¥%1</translation>
    </message>
</context>
<context>
    <name>ArrearsPage</name>
    <message>
        <location filename="../arrears_page.py" line="88" />
        <source>欠费清单</source>
        <translation>Arrears list</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="89" />
        <source>业务日 %1</source>
        <translation>Business day %1</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="127" />
        <source>查询  [Enter]</source>
        <translation>Search  [Enter]</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="141" />
        <source>提出停电通知  [Ctrl+Shift+N]</source>
        <translation>Propose notice  [Ctrl+Shift+N]</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="223" />
        <source>共 %1 户欠费，欠费本金合计 %2 元</source>
        <translation>%1 customers in arrears, principal owed ¥%2</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="229" />
        <source>；列表显示前 %1 户（违约金至今 %2 元），导出 CSV / Excel 含全部</source>
        <translation>; the list shows the first %1 (late fees to date ¥%2), CSV / Excel exports carry all</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="234" />
        <source>；违约金至今 %1 元</source>
        <translation>; late fees to date ¥%1</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="246" />
        <source>（总部 %1）</source>
        <translation> (head office %1)</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="259" />
        <source>★ 重要</source>
        <translation>★ important</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="332" />
        <source>正在导出 %1 …</source>
        <translation>Exporting %1 …</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="341" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="336" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
<message><source>户号</source><translation>Customer no.</translation></message><message><source>户名</source><translation>Name</translation></message><message><source>类别</source><translation>Category</translation></message><message><source>区域</source><translation>Area</translation></message><message><source>期数</source><translation>Bills</translation></message><message><source>本金(元)</source><translation>Principal (¥)</translation></message><message><source>违约金(元)</source><translation>Late fee (¥)</translation></message><message><source>最早应缴</source><translation>Oldest due</translation></message><message><source>逾期天</source><translation>Days overdue</translation></message><message><source>等级</source><translation>Grade</translation></message><message><source>停电通知</source><translation>Stop-power notice</translation></message><message><source>重要</source><translation>Important</translation></message><message><source>全部</source><translation>All</translation></message><message><source>0–30 天</source><translation>0–30 days</translation></message><message><source>31–60 天</source><translation>31–60 days</translation></message><message><source>61–90 天</source><translation>61–90 days</translation></message><message><source>90 天以上</source><translation>over 90 days</translation></message><message><source>超过 30 天（可提停电）</source><translation>over 30 days (notice possible)</translation></message><message><source>欠费金额从高到低</source><translation>amount owed, highest first</translation></message><message><source>账龄从长到短</source><translation>age, oldest first</translation></message><message><source>Ⅰ级（高风险）</source><translation>Grade I (high risk)</translation></message><message><source>Ⅱ级（中风险）</source><translation>Grade II (medium risk)</translation></message><message><source>Ⅲ级（关注）</source><translation>Grade III (watch)</translation></message><message><source>居民</source><translation>Residential</translation></message><message><source>一般工商业</source><translation>Commercial</translation></message><message><source>大工业</source><translation>Industrial</translation></message><message><source>农业</source><translation>Agricultural</translation></message><message><source>已提出</source><translation>proposed</translation></message><message><source>已审批</source><translation>approved</translation></message><message><source>已送达</source><translation>served</translation></message><message><source>已再次通知</source><translation>reminded</translation></message><message><source>已撤销</source><translation>cancelled</translation></message><message><source>无</source><translation>none</translation></message><message><source>导出 CSV</source><translation>Export CSV</translation></message><message><source>导出 Excel</source><translation>Export Excel</translation></message><message><source>打印 PDF</source><translation>Print PDF</translation></message></context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../audit_page.py" line="91" />
        <source>按工号、凭证号、事件或详情筛选</source>
        <translation>Filter by clerk, receipt, event or detail</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="96" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="97" />
        <source>审批</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="98" />
        <source>重打</source>
        <translation>Reprints</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="99" />
        <source>登录与密码</source>
        <translation>Logins and PINs</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="100" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="103" />
        <source>审计记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="154" />
        <source>事项：%1</source>
        <translation>Action: %1</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="156" />
        <source>用途：%1</source>
        <translation>Purpose: %1</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="160" />
        <source>已打印</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="160" />
        <source>未打印</source>
        <translation>not printed</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="164" />
        <source>%1 人</source>
        <translation>%1 people</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="166" />
        <source>流水 #%1</source>
        <translation>Entry #%1</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="169" />
        <source>审批人 %1</source>
        <translation>approver %1</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="175" />
        <source>审计记录仅限主管或系统管理员查看。</source>
        <translation>The audit trail is for supervisors and administrators only.</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="197" />
        <source>共 %1 条，显示 %2 条；其中登录失败 %3 次</source>
        <translation>%1 rows, %2 shown; %3 failed logins</translation>
    </message>
<message><source>时间</source><translation>Time</translation></message><message><source>事件</source><translation>Event</translation></message><message><source>经办人</source><translation>Clerk</translation></message><message><source>对象</source><translation>Subject</translation></message><message><source>详情</source><translation>Details</translation></message><message><source>主管审批</source><translation>supervisor approval</translation></message><message><source>日结签字</source><translation>day sign-off</translation></message><message><source>总部退补调整</source><translation>head-office adjustment</translation></message><message><source>审批被拒</source><translation>approval refused</translation></message><message><source>越权被拒</source><translation>refused (no right)</translation></message><message><source>打印/重打凭证</source><translation>receipt printed / reprinted</translation></message><message><source>登录失败</source><translation>login failed</translation></message><message><source>密码错误过多，锁定</source><translation>locked after wrong PINs</translation></message><message><source>登录</source><translation>login</translation></message><message><source>切换收费员</source><translation>Switch clerk</translation></message><message><source>解锁屏幕</source><translation>screen unlocked</translation></message><message><source>主管解除锁定</source><translation>supervisor lifted lock</translation></message><message><source>修改密码</source><translation>PIN changed</translation></message><message><source>设置他人密码</source><translation>PIN set for another</translation></message><message><source>设置修改</source><translation>settings changed</translation></message><message><source>导入人员</source><translation>clerks imported</translation></message><message><source>密码错误</source><translation>wrong PIN</translation></message><message><source>工号不存在</source><translation>unknown id</translation></message><message><source>已停用</source><translation>deactivated</translation></message><message><source>锁定中</source><translation>locked</translation></message><message><source>未设置密码</source><translation>no PIN set</translation></message><message><source>经办人自批</source><translation>self-approval</translation></message><message><source>不是主管</source><translation>not a supervisor</translation></message><message><source>未填主管</source><translation>no supervisor given</translation></message></context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../recharge_card.py" line="15" />
        <source>卡片与用户</source>
        <translation>Card and customer</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="19" />
        <source>户号 / 户名</source>
        <translation>Customer no. / name</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="20" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="21" />
        <source>表号</source>
        <translation>Meter no.</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="22" />
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="23" />
        <source>卡内购电次数</source>
        <translation>Purchases on card</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="24" />
        <source>电表剩余金额（返写）</source>
        <translation>Meter balance (return-write)</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="25" />
        <source>电表返写时间</source>
        <translation>Return-write time</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="26" />
        <source>本次最多可购</source>
        <translation>Most this time</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="42" />
        <location filename="../recharge_card.py" line="47" />
        <source>%1 元</source>
        <translation>¥ %1</translation>
    </message>
    <message>
        <location filename="../recharge_card.py" line="44" />
        <source>未返写（卡未插过电表）</source>
        <translation>none (card not yet in the meter)</translation>
    </message>
</context>
<context>
    <name>CardReplacement</name>
    <message>
        <location filename="../recharge_replace.py" line="50" />
        <source>补卡请先输入用户户号，并插入一张空白卡。</source>
        <translation>For a replacement, type the customer no. and insert a blank card.</translation>
    </message>
    <message>
        <location filename="../recharge_replace.py" line="67" />
        <source>补卡完成：新卡 %1，原卡 %2 已作废，卡内第 %3 次购电，工本费 %4 元。</source>
        <translation>Card replaced: new card %1, old card %2 retired, purchase %3 on card, fee ¥%4.</translation>
    </message>
    <message>
        <location filename="../recharge_replace.py" line="69" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>CashCountBox</name>
    <message>
        <location filename="../shift_count.py" line="24" />
        <source>结班点钞（按券别填写张数，回车到下一行）</source>
        <translation>Close: cash count (pieces per denomination, Enter to the next line)</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="43" />
        <source>张</source>
        <translation>pcs</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="56" />
        <source>实点现金</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="57" />
        <source>应有现金</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="58" />
        <source>差额</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="65" />
        <source>有差额时必填</source>
        <translation>required for a difference</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="69" />
        <source>差额超过限额时由主管填写工号</source>
        <translation>supervisor's ID when above the limit</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="74" />
        <source>差额原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="76" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../shift_count.py" line="78" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
</context>
<context>
    <name>ClerkControls</name>
    <message>
        <location filename="../lock_screen.py" line="192" />
        <source>收费员 %1 %2 暂时离开</source>
        <translation>Clerk %1 %2 is away</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="197" />
        <source>本人输入密码回车解锁；也可由主管输入工号和密码解锁（Shift+Tab 到工号）。</source>
        <translation>Type your PIN and Enter to unlock, or a supervisor types their ID and PIN (Shift+Tab to the ID).</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="214" />
        <source>请输入工号。</source>
        <translation>Type the clerk ID.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="218" />
        <source>请输入密码。</source>
        <translation>Type the PIN.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="221" />
        <source>正在核对密码…</source>
        <translation>Checking the PIN…</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="234" />
        <source>只有 %1 本人或主管可以解锁；换收费员请解锁后按 Ctrl+Shift+L。</source>
        <translation>Only %1 or a supervisor can unlock; to switch clerks, unlock and press Ctrl+Shift+L.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="306" />
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
</context>
<context>
    <name>CollectionPage</name>
    <message>
        <location filename="../collection_page.py" line="79" />
        <source>收费责任制报表</source>
        <translation>Collection responsibility report</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="80" />
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="87" />
        <source>查询  [Enter]</source>
        <translation>Search  [Enter]</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="90" />
        <source>生成 PDF  [Ctrl+Shift+P]</source>
        <translation>PDF  [Ctrl+Shift+P]</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="112" />
        <source>报表文件</source>
        <translation>Report files</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="128" />
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="143" />
        <source>%1（上月 %2；欠费截至 %3）</source>
        <translation>%1 (previous month %2; arrears as of %3)</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="148" />
        <source>按责任人</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="149" />
        <source>按区域</source>
        <translation>By area</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="173" />
        <source>%1 / %2 笔</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="182" />
        <source>请先查询月份。</source>
        <translation>Load a month first.</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="195" />
        <source>报表未能生成：%1</source>
        <translation>The report could not be written: %1</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="198" />
        <source>收费责任制报表已生成。</source>
        <translation>Collection report written.</translation>
    </message>
    <message>
        <location filename="../collection_page.py" line="199" />
        <source>收费责任制报表 %1</source>
        <translation>Collection report %1</translation>
    </message>
<message><source>责任人 / 区域</source><translation>Clerk / area</translation></message><message><source>本月实收(元)</source><translation>Collected (¥)</translation></message><message><source>笔数</source><translation>Payments</translation></message><message><source>收回欠费(元)</source><translation>Arrears recovered (¥)</translation></message><message><source>当前欠费户</source><translation>In arrears</translation></message><message><source>当前欠费(元)</source><translation>Owed now (¥)</translation></message><message><source>回收率</source><translation>Recovery</translation></message><message><source>减免(元/笔)</source><translation>Waived (¥/count)</translation></message><message><source>上月实收(元)</source><translation>Previous month (¥)</translation></message><message><source>环比(元)</source><translation>Change (¥)</translation></message><message><source>未分配</source><translation>Unassigned</translation></message><message><source>合计</source><translation>Total</translation></message></context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../confirm.py" line="33" />
        <source>按 Y 确认；回车或 Esc 取消。</source>
        <translation>Press Y to confirm; Enter or Esc cancels.</translation>
    </message>
    <message>
        <location filename="../confirm.py" line="37" />
        <source>取消  [Enter / Esc]</source>
        <translation>Cancel  [Enter / Esc]</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../counter_page.py" line="185" />
        <source>本次登录还没有收款凭证可重打；更早的凭证请在历史页重打。</source>
        <translation>No receipt taken in this session to reprint; reprint earlier ones from History.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="194" />
        <source>本次登录还没有收款凭证可冲正；更早的凭证请在历史页冲正。</source>
        <translation>No receipt taken in this session to void; void earlier ones from History.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="125" />
        <source>该用户当前没有应缴电费；如需预存，请输入金额。</source>
        <translation>Nothing is due; type an amount to prepay.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="135" />
        <source>零钱转预存只用于现金收款：先查找用户，按 F2 选现金。</source>
        <translation>Change to balance is for cash only: look the customer up and press F2 for cash.</translation>
    </message>
<message><source>现金</source><translation>Cash</translation></message><message><source>银行卡</source><translation>Bank card</translation></message><message><source>微信</source><translation>WeChat</translation></message><message><source>支付宝</source><translation>Alipay</translation></message><message><source>云闪付</source><translation>UnionPay</translation></message><message><source>支票</source><translation>Cheque</translation></message></context>
<context>
    <name>CounterPayments</name>
    <message>
        <location filename="../counter_pay.py" line="31" />
        <location filename="../counter_pay.py" line="48" />
        <source>请先查找用户。</source>
        <translation>Find a customer first.</translation>
    </message>
    <message>
        <location filename="../counter_pay.py" line="40" />
        <source>请先输入缴费金额。</source>
        <translation>Type the amount first.</translation>
    </message>
    <message>
        <location filename="../counter_pay.py" line="56" />
        <source>请输入顾客交来的现金（实收），或按 F8 收足额现金。</source>
        <translation>Type the cash handed over (tendered), or press F8 for exact cash.</translation>
    </message>
    <message>
        <location filename="../counter_pay.py" line="70" />
        <source>已取消，未收款。</source>
        <translation>Cancelled; nothing taken.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <location filename="../counter_screen.py" line="83" />
        <source>没有找到与“%1”相符的用户；请核对户号、电话、姓名或地址。</source>
        <translation>No customer matches “%1”; check the customer no., phone, name or address.</translation>
    </message>
    <message>
        <location filename="../counter_screen.py" line="172" />
        <source>扫码收款正在等待结果：不能改用其他方式收款或换下一位。请等结果，或按 Esc 撤销。</source>
        <translation>A scanned payment is waiting for its result: no other method or next customer until then. Wait, or press Esc to cancel it.</translation>
    </message>
    <message>
        <location filename="../counter_screen.py" line="175" />
        <source>还没有开班，不能收款。请按 Ctrl+3 到“班次”页，输入备用金后按回车开班。</source>
        <translation>No shift is open, so no payment can be taken. Press Ctrl+3 for Shift, type the float and press Enter.</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../customer_display.py" line="64" />
        <source>客显 — %1</source>
        <translation>Customer display — %1</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="79" />
        <source>应缴金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="80" />
        <source>实收</source>
        <translation>Tendered</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="81" />
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="82" />
        <source>转入预存</source>
        <translation>To balance</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="106" />
        <location filename="../customer_display.py" line="108" />
        <source>%1 元</source>
        <translation>¥ %1</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="112" />
        <source>欢迎光临，请出示电费通知单或报户号</source>
        <translation>Welcome — please show your bill or tell us your customer no.</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="114" />
        <source>该笔缴费已冲正，退款 %1 元</source>
        <translation>This payment was voided; ¥%1 refunded</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="117" />
        <source>缴费成功，谢谢！请收好凭证和找零</source>
        <translation>Paid, thank you! Please take your receipt and change</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="119" />
        <source>请打开手机付款码，出示给收费员扫码</source>
        <translation>Open your payment code and show it to the clerk</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="121" />
        <source>请核对应缴金额</source>
        <translation>Please check the amount due</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../counter_customer.py" line="75" />
        <source>查找用户</source>
        <translation>Find customer</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="78" />
        <source>扫描或输入户号 / 卡号 / 电话 / 姓名 / 地址，回车查找</source>
        <translation>Scan or type customer no. / card no. / phone / name / address, Enter</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="93" />
        <source>用户信息</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="97" />
        <source>户号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="98" />
        <source>户名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="99" />
        <source>用电类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="100" />
        <source>表号</source>
        <translation>Meter no.</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="101" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="102" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="103" />
        <source>风险等级</source>
        <translation>Risk grade</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="104" />
        <source>预存余额</source>
        <translation>Prepaid balance</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="113" />
        <source>：</source>
        <translation>:</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="126" />
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="127" />
        <source>电量(kWh)</source>
        <translation>kWh</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="128" />
        <source>电费(元)</source>
        <translation>Bill (¥)</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="129" />
        <source>缴费截止日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="130" />
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="131" />
        <source>违约金(元)</source>
        <translation>Late fee (¥)</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="132" />
        <source>小计(元)</source>
        <translation>Subtotal (¥)</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="146" />
        <source>电费合计</source>
        <translation>Bills</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="147" />
        <source>违约金合计</source>
        <translation>Late fees</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="148" />
        <source>预存抵扣</source>
        <translation>From balance</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="149" />
        <source>应收</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="242" />
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="243" />
        <source>%1 元</source>
        <translation>¥ %1</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="293" />
        <source>（Ctrl+Shift+N 提出停电通知）</source>
        <translation> (Ctrl+Shift+N proposes a notice)</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="262" />
        <source>%1（部分已缴）</source>
        <translation>%1 (partly paid)</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="267" />
        <source>已缴 %1 元，尚欠 %2 元</source>
        <translation>paid ¥%1, still owed ¥%2</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="321" />
        <source>预收冲抵：%1 预存余额已抵缴 %2 元（%3）</source>
        <translation>Prepaid offset: on %1 the balance paid ¥%2 (%3)</translation>
    </message>
    <message>
        <location filename="../counter_customer.py" line="328" />
        <source>违约金合计不足 %1 元，按 %1 元收取（已含补足 %2 元）</source>
        <translation>Late fees under ¥%1 are charged ¥%1 (¥%2 added to reach the minimum)</translation>
    </message>
</context>
<context>
    <name>DayTable</name>
    <message>
        <location filename="../history_table.py" line="28" />
        <source>凭证号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="29" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="30" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="31" />
        <source>户号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="32" />
        <source>户名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="33" />
        <source>支付方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="34" />
        <source>金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="35" />
        <source>打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="50" />
        <source>已打印</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="51" />
        <source>✖ 未打印</source>
        <translation>✖ not printed</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="52" />
        <source>待打印</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="53" />
        <source>已送打印机</source>
        <translation>sent to the printer</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="63" />
        <source>（%1 次）</source>
        <translation> (%1×)</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="65" />
        <source>已冲正</source>
        <translation>voided</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="83" />
        <source>共 %1 张，合计 %2 元</source>
        <translation>%1 receipts, total ¥%2</translation>
    </message>
    <message>
        <location filename="../history_table.py" line="89" />
        <source>；冲正 %1 张 %2 元，净收 %3 元</source>
        <translation>; %1 voided ¥%2, net ¥%3</translation>
    </message>
</context>
<context>
    <name>DemoReaderBox</name>
    <message>
        <location filename="../recharge_demo.py" line="28" />
        <source>模拟读卡器（培训 / 演示）</source>
        <translation>Simulated reader (training / demo)</translation>
    </message>
    <message>
        <location filename="../recharge_demo.py" line="33" />
        <source>户号，如 1000000003，回车插入该用户的卡</source>
        <translation>customer no., e.g. 1000000003; Enter inserts their card</translation>
    </message>
    <message>
        <location filename="../recharge_demo.py" line="36" />
        <source>插入该用户的卡</source>
        <translation>Insert their card</translation>
    </message>
    <message>
        <location filename="../recharge_demo.py" line="36" />
        <source>插入空白卡</source>
        <translation>Insert a blank card</translation>
    </message>
    <message>
        <location filename="../recharge_demo.py" line="40" />
        <source>拔卡</source>
        <translation>Remove card</translation>
    </message>
</context>
<context>
    <name>DeviceTests</name>
    <message>
        <location filename="../settings_devices.py" line="32" />
        <source>正在测试…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../settings_devices.py" line="52" />
        <source>测试页已打印。</source>
        <translation>Test page printed.</translation>
    </message>
    <message>
        <location filename="../settings_devices.py" line="54" />
        <source>测试页未打印：%1</source>
        <translation>Test page not printed: %1</translation>
    </message>
    <message>
        <location filename="../settings_devices.py" line="63" />
        <source>读卡成功：卡号 %1，户号 %2，购电次数 %3</source>
        <translation>Card read: serial %1, customer %2, purchase count %3</translation>
    </message>
    <message>
        <location filename="../settings_devices.py" line="81" />
        <source>总部连接正常：上传 %1 笔，下载 %2 条，待上传 %3 笔。</source>
        <translation>Head office reachable: pushed %1, pulled %2, %3 pending.</translation>
    </message>
</context>
<context>
    <name>FirstPinDialog</name>
    <message>
        <location filename="../first_pin_dialog.py" line="50" />
        <source>设置自己的密码</source>
        <translation>Set your own PIN</translation>
    </message>
    <message>
        <location filename="../first_pin_dialog.py" line="54" />
        <source>%1 首次登录：请把总部下发的一次性密码换成自己的密码（6 到 12 位数字）。</source>
        <translation>%1, first login: replace head office's one-time PIN with your own (6 to 12 digits).</translation>
    </message>
    <message>
        <location filename="../first_pin_dialog.py" line="64" />
        <source>新密码</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <location filename="../first_pin_dialog.py" line="65" />
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../first_pin_dialog.py" line="79" />
        <source>两次输入的新密码不一致；请重新输入。</source>
        <translation>The two new PINs differ; type them again.</translation>
    </message>
    <message>
        <location filename="../first_pin_dialog.py" line="87" />
        <source>正在设置密码…</source>
        <translation>Setting the PIN…</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../history_page.py" line="74" />
        <source>收费记录</source>
        <translation>Entries</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="79" />
        <source>营业日：Alt+← 前一天，Alt+→ 后一天，Alt+Home 今天</source>
        <translation>Business day: Alt+← the day before, Alt+→ the day after, Alt+Home today</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="85" />
        <source>按凭证号、户号、户名或支付方式筛选</source>
        <translation>Filter by receipt no., customer no., name or method</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="96" />
        <source>重打凭证  [Ctrl+R / Enter]</source>
        <translation>Reprint  [Ctrl+R / Enter]</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="99" />
        <source>打开 PDF 副本  [Ctrl+P]</source>
        <translation>Open PDF copy  [Ctrl+P]</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="102" />
        <source>冲正  [Ctrl+Shift+V]</source>
        <translation>Void  [Ctrl+Shift+V]</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="105" />
        <source>刷新  [F5]</source>
        <translation>Refresh  [F5]</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="109" />
        <source>结班后重打需主管：</source>
        <translation>Reprint after close needs a supervisor:</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="112" />
        <source>工号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="116" />
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="226" />
        <source>这是冲正记录，Enter 不重打原凭证。要补打冲正凭证（签字联）请按 Ctrl+R。</source>
        <translation>This is a void: Enter does not reprint the voided receipt. Ctrl+R prints the void slip again.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="242" />
        <location filename="../history_page.py" line="282" />
        <location filename="../history_page.py" line="322" />
        <source>请先在列表中选择一张凭证。</source>
        <translation>Select a receipt in the list first.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="251" />
        <source>正在重打 %1…</source>
        <translation>Reprinting %1…</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="259" />
        <source>凭证 %1 已重打。</source>
        <translation>Receipt %1 reprinted.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="263" />
        <source>凭证 %1 未能打印：%2</source>
        <translation>Receipt %1 did not print: %2</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="286" />
        <source>凭证 %1 已冲正，不能重复冲正。</source>
        <translation>Receipt %1 is already voided.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="333" />
        <source>PDF 副本：%1</source>
        <translation>PDF copy: %1</translation>
    </message>
<message><source>现金</source><translation>Cash</translation></message><message><source>银行卡</source><translation>Bank card</translation></message><message><source>微信</source><translation>WeChat</translation></message><message><source>支付宝</source><translation>Alipay</translation></message><message><source>云闪付</source><translation>UnionPay</translation></message><message><source>支票</source><translation>Cheque</translation></message></context>
<context>
    <name>KeyHelp</name>
    <message>
        <location filename="../key_help.py" line="26" />
        <source>页面</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="28" />
        <source>扫描 / 输入 + 回车</source>
        <translation>Scan / type + Enter</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="29" />
        <source>收费：查找用户（户号、卡号、电话、姓名、地址）；只查找，不收款</source>
        <translation>Counter: find the customer (no., card, phone, name, address); finds only, never pays</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="31" />
        <location filename="../key_help.py" line="47" />
        <source>↑ ↓ 回车</source>
        <translation>↑ ↓ Enter</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="31" />
        <source>收费：在多个结果中选择</source>
        <translation>Counter: choose among several results</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="32" />
        <source>收费：回到查找框</source>
        <translation>Counter: back to the search box</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="33" />
        <source>现金、银行卡、微信、支付宝、云闪付、支票（收费、IC卡购电）</source>
        <translation>cash, bank card, WeChat, Alipay, UnionPay, cheque (counter, IC card)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="34" />
        <source>实收 + 回车 / F12</source>
        <translation>tendered + Enter / F12</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="34" />
        <source>收费：确认收款（实收为空时不收款）</source>
        <translation>Counter: take the payment (never with an empty tendered)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="35" />
        <source>收费：收足额现金（实收 = 缴费金额）</source>
        <translation>Counter: exact cash (tendered = amount)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="36" />
        <source>收费：找零 → 零钱转预存（角分）→ 全部转预存，每位用户从“找零”开始</source>
        <translation>Counter: change handed back → fen to balance → all to balance; each customer starts at handed back</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="37" />
        <source>确认大额收款、结班（回车或 Esc 取消）</source>
        <translation>confirm a large payment, a shift close (Enter or Esc cancels)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="38" />
        <source>收费：重打上一张凭证；历史：重打选中的凭证</source>
        <translation>Counter: reprint the last receipt; History: reprint the selected one</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="41" />
        <source>收费：冲正上一张；历史：冲正选中的凭证（主管工号、密码、原因，Ctrl+Enter 确认）</source>
        <translation>Counter: void the last receipt; History: void the selected one (supervisor id, PIN, reason, Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="43" />
        <source>收费：支付总部退款（退款待领；按两次，现金出钱箱，客户在凭证上签字）</source>
        <translation>Counter: pay out head office's refund (refund to collect; press twice, cash from the drawer, the customer signs)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="44" />
        <source>收费：下一位用户（清除找零和凭证预览）；IC卡购电：清空</source>
        <translation>Counter: next customer (clears change and preview); IC card: clear</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="45" />
        <source>历史：打开 PDF 副本 / 刷新</source>
        <translation>History: PDF copy / refresh</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="46" />
        <source>历史：前一天 / 后一天 / 今天（或在日期框输入营业日）</source>
        <translation>History: the day before / after / today (or type the business day in the date field)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="47" />
        <source>历史：在筛选框中也可上下选择；回车重打（冲正行不重打原凭证）</source>
        <translation>History: ↑ ↓ move the list from the filter too; Enter reprints (never the receipt a void row voided)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="48" />
        <source>数字 + 回车</source>
        <translation>Digits + Enter</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="48" />
        <source>班次：按券别填写张数，回车到下一行</source>
        <translation>Shift: pieces per denomination, Enter to the next line</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="49" />
        <source>班次：结班（再按 Y 确认）</source>
        <translation>Shift: close (then Y confirms)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="50" />
        <source>IC卡购电：重新读卡 / 收款并写卡</source>
        <translation>IC card: read again / take payment and write</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="51" />
        <source>欠费：回到筛选 / 到清单</source>
        <translation>Arrears: to the filters / to the list</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="52" />
        <source>欠费：导出 CSV / Excel / PDF</source>
        <translation>Arrears: export CSV / Excel / PDF</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="53" />
        <source>收费：对屏幕上的用户提出停电通知；欠费：对选中用户提出停电通知</source>
        <translation>Counter: propose a stop-power notice for the customer on screen; Arrears: for the selected one</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="54" />
        <source>欠费：停电通知 / 欠费清单</source>
        <translation>Arrears: notices / arrears list</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="55" />
        <source>停电通知：审批 / 登记送达 / 通知书 PDF</source>
        <translation>Notices: approve / record service / notice PDF</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="57" />
        <source>月份 + 回车 / Ctrl+Shift+P</source>
        <translation>month + Enter / Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="58" />
        <source>责任制：查询收费责任制报表 / 生成 PDF（打开、打印按钮）</source>
        <translation>Collection: load the report / write its PDF (open and print buttons)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="60" />
        <source>设置：保存（需主管工号）</source>
        <translation>Settings: save (supervisor ID and PIN)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="61" />
        <source>设置：打印测试页 / 读测试卡 / 测试总部连接</source>
        <translation>Settings: test page / read test card / test head-office link</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="62" />
        <source>打开或关闭客显</source>
        <translation>Show or hide the customer display</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="63" />
        <source>锁屏（本人或主管密码解锁；空闲时自动锁屏）</source>
        <translation>Lock the screen (own or supervisor's PIN unlocks; locks itself when idle)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="64" />
        <source>切换收费员</source>
        <translation>Switch clerk</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="65" />
        <source>审计（仅主管登录时）</source>
        <translation>Audit (supervisors only)</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="66" />
        <source>本帮助</source>
        <translation>This help</translation>
    </message>
    <message>
        <location filename="../key_help.py" line="73" />
        <source>快捷键</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../lock_screen.py" line="80" />
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="89" />
        <source>工号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="92" />
        <source>密码，回车解锁</source>
        <translation>PIN, Enter to unlock</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="94" />
        <source>本人输入密码回车解锁；也可由主管输入工号和密码解锁（Shift+Tab 到工号）。</source>
        <translation>Type your PIN and Enter to unlock, or a supervisor types their ID and PIN (Shift+Tab to the ID).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../login_dialog.py" line="66" />
        <location filename="../login_dialog.py" line="69" />
        <source>切换收费员</source>
        <translation>Switch clerk</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="66" />
        <source>收费员登录</source>
        <translation>Clerk login</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="71" />
        <source>%1 — 收费员登录</source>
        <translation>%1 — clerk login</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="79" />
        <source>工号，回车</source>
        <translation>Clerk ID, Enter</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="82" />
        <source>密码，回车登录</source>
        <translation>PIN, Enter to log in</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="83" />
        <source>工号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="84" />
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="87" />
        <source>输入工号后按回车，再输入密码按回车。</source>
        <translation>Type your clerk ID and Enter, then your PIN and Enter.</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="89" />
        <source>下一位收费员输入工号和密码；Esc 取消，仍由当前收费员办理。</source>
        <translation>Next clerk: type ID and PIN; Esc cancels and the current clerk stays.</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="95" />
        <source>演示终端：C01 / 111111，主管 S01 / 999999（仅用于演示）</source>
        <translation>Demo terminal: C01 / 111111, supervisor S01 / 999999 (demo only)</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="111" />
        <location filename="../login_dialog.py" line="125" />
        <source>请输入工号。</source>
        <translation>Type the clerk ID.</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="129" />
        <source>请输入密码。</source>
        <translation>Type the PIN.</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="164" />
        <source>正在核对密码…</source>
        <translation>Checking the PIN…</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="179" />
        <source>请先把一次性密码换成自己的密码再登录。</source>
        <translation>Replace the one-time PIN with your own before logging in.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="66" />
        <source>HallPay 供电营业厅收费 — %1</source>
        <translation>HallPay business hall counter — %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="109" />
        <source>收费</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="110" />
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111" />
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="112" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166" />
        <source>IC卡购电</source>
        <translation>IC card</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176" />
        <source>欠费</source>
        <translation>Arrears</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182" />
        <source>责任制</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="256" />
        <source>终端 %1</source>
        <translation>Terminal %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258" />
        <source>收费员 %1 %2</source>
        <translation>Clerk %1 %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="259" />
        <source>营业日 %1</source>
        <translation>Business day %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="260" />
        <source>打印机 …</source>
        <translation>Printer …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="261" />
        <source>读卡器 …</source>
        <translation>Card reader …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="262" />
        <source>同步 %1</source>
        <translation>Sync %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="262" />
        <location filename="../main_window.py" line="263" />
        <source>未启动</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263" />
        <source>备份 %1</source>
        <translation>Backup %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284" />
        <source>打印机 %1</source>
        <translation>Printer %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="302" />
        <source>读卡器 %1</source>
        <translation>Card reader %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194" />
        <source>审计</source>
        <translation>Audit</translation>
    </message>
<message><source>就绪</source><translation>ready</translation></message><message><source>纸将尽</source><translation>paper low</translation></message><message><source>缺纸</source><translation>paper out</translation></message><message><source>离线</source><translation>offline</translation></message><message><source>连接不上</source><translation>unreachable</translation></message><message><source>未配置</source><translation>not configured</translation></message></context>
<context>
    <name>ManagerPage</name>
    <message>
        <location filename="../arrears_page.py" line="361" />
        <source>欠费清单  [Ctrl+PgUp]</source>
        <translation>Arrears  [Ctrl+PgUp]</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="362" />
        <source>停电通知  [Ctrl+PgDown]</source>
        <translation>Notices  [Ctrl+PgDown]</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../notice_page.py" line="76" />
        <source>停电通知</source>
        <translation>Stop-power notice</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="77" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="80" />
        <source>全部未结</source>
        <translation>all open</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="98" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="104" />
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="108" />
        <source>审批  [Ctrl+Shift+A]</source>
        <translation>Approve  [Ctrl+Shift+A]</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="114" />
        <source>送达方式</source>
        <translation>Served by</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="119" />
        <source>登记送达  [Ctrl+Shift+S]</source>
        <translation>Record service  [Ctrl+Shift+S]</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="122" />
        <source>通知书 PDF  [Ctrl+Shift+P]</source>
        <translation>Notice PDF  [Ctrl+Shift+P]</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="172" />
        <source>★ 报电力管理部门</source>
        <translation>★ report to the power authority</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="192" />
        <source>请先在列表中选择一份停电通知。</source>
        <translation>Select a notice in the list first.</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="242" />
        <source>停电通知 %1 已审批。</source>
        <translation>Notice %1 approved.</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="243" />
        <source>正在核对主管密码…</source>
        <translation>Checking the supervisor's PIN…</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="250" />
        <source>停电通知 %1 已登记送达；最早可于 %2 起停电。</source>
        <translation>Notice %1 recorded as served; supply may be stopped from %2.</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="251" />
        <source>正在登记送达…</source>
        <translation>Recording the service…</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="279" />
        <source>通知书未能生成：%1</source>
        <translation>The notice could not be written: %1</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="274" />
        <source>通知书已生成：%1</source>
        <translation>Notice written: %1</translation>
    </message>
<message><source>通知编号</source><translation>Notice no.</translation></message><message><source>户号</source><translation>Customer no.</translation></message><message><source>户名</source><translation>Name</translation></message><message><source>欠费本金(元)</source><translation>Owed (¥)</translation></message><message><source>重要用户</source><translation>Important</translation></message><message><source>提出</source><translation>Proposed</translation></message><message><source>审批人</source><translation>Approver</translation></message><message><source>送达日</source><translation>Served on</translation></message><message><source>缴费期限</source><translation>Pay by</translation></message><message><source>最早停电日</source><translation>Earliest stop</translation></message><message><source>已提出</source><translation>proposed</translation></message><message><source>已审批</source><translation>approved</translation></message><message><source>已送达</source><translation>served</translation></message><message><source>已再次通知</source><translation>reminded</translation></message><message><source>已撤销</source><translation>cancelled</translation></message><message><source>无</source><translation>none</translation></message><message><source>当面送达</source><translation>in person</translation></message><message><source>邮寄送达</source><translation>by post</translation></message><message><source>现场张贴</source><translation>posted on site</translation></message><message><source>短信通知</source><translation>by SMS</translation></message><message><source>电话通知</source><translation>by phone</translation></message></context>
<context>
    <name>OpProgress</name>
    <message>
        <location filename="../progress.py" line="60" />
        <source>，每秒 %1</source>
        <translation>, %1 a second</translation>
    </message>
    <message>
        <location filename="../progress.py" line="63" />
        <source>，约 %1 秒完成</source>
        <translation>, about %1 s left</translation>
    </message>
</context>
<context>
    <name>PaymentCheck</name>
    <message>
        <location filename="../counter_confirm.py" line="63" />
        <source>收款 %1 元（%2）
户号 %3  %4</source>
        <translation>Take ¥%1 (%2)
Customer %3  %4</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="73" />
        <source>金额较大，请核对后按 Y 确认。</source>
        <translation>A large amount: check it, then press Y to confirm.</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="76" />
        <source>找零 %1 元，比应收多出一张 100 元以上：请核对实收（是否多打了 0？），无误再按 Y。</source>
        <translation>Change ¥%1: a 100-yuan note or more beyond the amount. Check the cash tendered (an extra 0?), then press Y.</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="80" />
        <source>实收 %1 元，找零 %2 元</source>
        <translation>tendered ¥%1, change ¥%2</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="84" />
        <source>，%1 元转预存</source>
        <translation>, ¥%1 to the balance</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="88" />
        <source>确认部分缴费</source>
        <translation>Confirm partial payment</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="90" />
        <source>确认大额收款</source>
        <translation>Confirm large payment</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="92" />
        <source>核对找零</source>
        <translation>Check the change</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="94" />
        <source>确认收款</source>
        <translation>Confirm the payment</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="101" />
        <source>结清以下账期：</source>
        <translation>Settles these bills:</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="104" />
        <source>  %1  %2 元（结清）</source>
        <translation>  %1  ¥%2 (settled)</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="109" />
        <source>另 %1 元记入预存。</source>
        <translation>¥%1 more goes to the prepaid balance.</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="116" />
        <source>部分缴费，按账期从早到晚结清：</source>
        <translation>Partial payment, settling the oldest bills first:</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="121" />
        <source>结清</source>
        <translation>settled</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="123" />
        <source>部分，尚欠 %1 元</source>
        <translation>partly, still owed ¥%1</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="126" />
        <source>  %1  %2 元（%3）</source>
        <translation>  %1  ¥%2 (%3)</translation>
    </message>
    <message>
        <location filename="../counter_confirm.py" line="131" />
        <source>缴后尚欠 %1 元。</source>
        <translation>Still owed afterwards: ¥%1.</translation>
    </message>
<message><source>现金</source><translation>Cash</translation></message><message><source>银行卡</source><translation>Bank card</translation></message><message><source>微信</source><translation>WeChat</translation></message><message><source>支付宝</source><translation>Alipay</translation></message><message><source>云闪付</source><translation>UnionPay</translation></message><message><source>支票</source><translation>Cheque</translation></message></context>
<context>
    <name>PurchaseBox</name>
    <message>
        <location filename="../recharge_form.py" line="26" />
        <source>购电</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="48" />
        <source>购电金额（元）</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="49" />
        <source>支付方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="50" />
        <source>实收（元）</source>
        <translation>Tendered (¥)</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="51" />
        <source>交易参考号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="52" />
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="53" />
        <source>收款并写卡 F12</source>
        <translation>Take payment and write F12</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="57" />
        <source>补卡（插入空白卡后）</source>
        <translation>Replace card (blank card inserted)</translation>
    </message>
    <message>
        <location filename="../recharge_form.py" line="62" />
        <source>补卡用户的户号</source>
        <translation>cust. no.</translation>
    </message>
<message><source>现金</source><translation>Cash</translation></message><message><source>银行卡</source><translation>Bank card</translation></message><message><source>微信</source><translation>WeChat</translation></message><message><source>支付宝</source><translation>Alipay</translation></message><message><source>云闪付</source><translation>UnionPay</translation></message><message><source>支票</source><translation>Cheque</translation></message></context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../recharge_receipt.py" line="28" />
        <location filename="../recharge_receipt.py" line="40" />
        <source>凭证预览</source>
        <translation>Receipt preview</translation>
    </message>
</context>
<context>
    <name>RechargePage</name>
    <message>
        <location filename="../recharge_page.py" line="89" />
        <location filename="../recharge_page.py" line="148" />
        <source>请插入IC卡</source>
        <translation>Insert the IC card</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="92" />
        <source>重新读卡 F9</source>
        <translation>Read again F9</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="161" />
        <source>正在读卡…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="191" />
        <source>读卡未完成</source>
        <translation>Card not read</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="212" />
        <source>卡已读取</source>
        <translation>Card read</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="223" />
        <source>已自动补写卡：凭证 %1，未重复收费。</source>
        <translation>Pending write completed: receipt %1, not charged twice.</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="258" />
        <source>请输入购电金额。</source>
        <translation>Type the purchase amount.</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="262" />
        <source>请输入顾客交来的现金（实收）。</source>
        <translation>Type the cash handed over (tendered).</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="270" />
        <source>正在写卡，请勿拔卡…</source>
        <translation>Writing the card, do not remove it…</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="285" />
        <source>购电成功，已写卡并读回核对：第 %1 次购电 %2 元。</source>
        <translation>Purchase written and read back: purchase %1, ¥%2.</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="294" />
        <source>凭证 %1　购电 %2 元　第 %3 次　找零 %4 元　%5</source>
        <translation>Receipt %1   ¥%2   purchase %3   change ¥%4   %5</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="299" />
        <source>已写卡</source>
        <translation>card written</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="299" />
        <source>待写卡</source>
        <translation>card write pending</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="311" />
        <source>凭证未打印：%1</source>
        <translation>Receipt not printed: %1</translation>
    </message>
</context>
<context>
    <name>RefundPayout</name>
    <message>
        <location filename="../refund_payout.py" line="74" />
        <source>退款待领 %1 元（%2 从钱箱支付现金）</source>
        <translation>Refund to collect ¥%1 (%2 pays it in cash from the drawer)</translation>
    </message>
    <message>
        <location filename="../refund_payout.py" line="90" />
        <source>退款待领 %1 元：再按 %2 确认从钱箱支付现金，并请客户在凭证上签字。</source>
        <translation>Refund to collect ¥%1: press %2 again to pay it in cash from the drawer; the customer signs the receipt.</translation>
    </message>
    <message>
        <location filename="../refund_payout.py" line="110" />
        <source>已支付退款 %1 元（凭证 %2）；请客户在凭证上签字。</source>
        <translation>Refund of ¥%1 paid (receipt %2); the customer signs the receipt.</translation>
    </message>
    <message>
        <location filename="../refund_payout.py" line="114" />
        <source>付出现金 %1 元</source>
        <translation>Cash paid out ¥%1</translation>
    </message>
</context>
<context>
    <name>ReportFiles</name>
    <message>
        <location filename="../report_files.py" line="65" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../report_files.py" line="65" />
        <source>打印</source>
        <translation>Printed</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../counter_result.py" line="44" />
        <source>本笔已收</source>
        <translation>Just paid</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="51" />
        <source>已收(元)</source>
        <translation>Paid (¥)</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="52" />
        <source>实收(元)</source>
        <translation>Tendered (¥)</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="53" />
        <source>找零(元)</source>
        <translation>Change (¥)</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="54" />
        <source>转预存(元)</source>
        <translation>To balance (¥)</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="81" />
        <location filename="../counter_result.py" line="148" />
        <source>凭证预览</source>
        <translation>Receipt preview</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="102" />
        <source>凭证 %1 · %2 · %3 %4</source>
        <translation>Receipt %1 · %2 · %3 %4</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="110" />
        <source> · 尚欠 %1 元</source>
        <translation> · still owed ¥%1</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="117" />
        <source>收款成功：凭证 %1，%2 %3 元</source>
        <translation>Paid: receipt %1, %2 ¥%3</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="123" />
        <source>，找零 %1 元</source>
        <translation>, change ¥%1</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="126" />
        <source>，%1 元转预存（余额 %2 元）</source>
        <translation>, ¥%1 to the balance (balance ¥%2)</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="131" />
        <source>；尚欠 %1 元</source>
        <translation>; still owed ¥%1</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="132" />
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="167" />
        <source>第 %3 次重打凭证 %1 未成功：%2。修好打印机后再按 Ctrl+R。</source>
        <translation>Reprint %3 of receipt %1 failed: %2. Fix the printer, then press Ctrl+R again.</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="174" />
        <source>凭证 %1 已记账，未打印：%2。修好打印机后按 Ctrl+R 重打。</source>
        <translation>Receipt %1 is booked but not printed: %2. Fix the printer, then press Ctrl+R to reprint.</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="193" />
        <source>正在打印凭证 %1…</source>
        <translation>Printing receipt %1…</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="205" />
        <source>凭证 %1 已打印。</source>
        <translation>Receipt %1 printed.</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="214" />
        <source>正在打印冲正凭证 %1…</source>
        <translation>Printing the void slip of %1…</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="229" />
        <source>正在重打凭证 %1…</source>
        <translation>Reprinting receipt %1…</translation>
    </message>
    <message>
        <location filename="../counter_result.py" line="239" />
        <source>凭证 %1 已重打。</source>
        <translation>Receipt %1 reprinted.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../settings_page.py" line="126" />
        <source>终端与营业厅</source>
        <translation>Terminal and hall</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="128" />
        <source>终端号</source>
        <translation>Terminal ID</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="129" />
        <source>营业厅名称</source>
        <translation>Hall name</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="130" />
        <source>默认收费员</source>
        <translation>Default clerk</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="132" />
        <source>界面语言（重启后生效）</source>
        <translation>Language (after restart)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="136" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="138" />
        <location filename="../settings_page.py" line="157" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="139" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="140" />
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="141" />
        <source>纸宽(mm)</source>
        <translation>Paper width (mm)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="143" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="143" />
        <source>文字</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="143" />
        <source>图像</source>
        <translation>image</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="145" />
        <source>超时(秒)</source>
        <translation>Timeout (s)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="146" />
        <source>现金收款时弹出钱箱</source>
        <translation>Open the cash drawer for cash</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="149" />
        <source>打印测试页  [Ctrl+T]</source>
        <translation>Print test page  [Ctrl+T]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="155" />
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="157" />
        <source>模拟</source>
        <translation>simulated</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="158" />
        <source>读卡器名称</source>
        <translation>Reader name</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="159" />
        <source>读测试卡  [Ctrl+K]</source>
        <translation>Read test card  [Ctrl+K]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="165" />
        <source>总部账务中心</source>
        <translation>Head-office ledger</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="167" />
        <source>数据库地址（空 = 本机中心库）</source>
        <translation>Database URL (empty = embedded)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="168" />
        <source>同步间隔(秒)</source>
        <translation>Sync interval (s)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="169" />
        <source>测试连接  [Ctrl+J]</source>
        <translation>Test connection  [Ctrl+J]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="175" />
        <source>备份与柜台安全</source>
        <translation>Backup and counter safety</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="177" />
        <source>备份位置（U 盘或网络共享，如 E:/HallPay备份）</source>
        <translation>Backup location (USB stick or network share, e.g. E:/HallPay-backup)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="178" />
        <source>未设置：流水只存在本机，请设置第二块盘</source>
        <translation>not set: the journal exists on this PC only; set a second disk</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="179" />
        <source>无操作自动锁屏（秒，0 = 不锁）</source>
        <translation>Lock when idle (seconds, 0 = never)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="180" />
        <source>大额收款需再确认（元以上）</source>
        <translation>Confirm payments above (¥)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="181" />
        <source>找零上限（元，超过即拒收）</source>
        <translation>Most change given (¥; more is refused)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="185" />
        <source>收费政策（由总部下发，只读）</source>
        <translation>Policy (from head office, read-only)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="190" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="195" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="203" />
        <source>保存设置（需主管审批）  [Ctrl+S]</source>
        <translation>Save (supervisor approval)  [Ctrl+S]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="349" />
        <source>正在核对主管密码并保存…</source>
        <translation>Checking the supervisor's PIN and saving…</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="356" />
        <source>已保存 %1 项设置（流水 %2）。打印机、读卡器、语言的更改在重启后生效。</source>
        <translation>Saved %1 settings (journal entry %2). Printer, card reader and language changes apply after a restart.</translation>
    </message>
<message><source>不打印</source><translation>No printer</translation></message><message><source>保存为文件（演示、培训）</source><translation>Save to file (demo, training)</translation></message><message><source>网络打印机</source><translation>Network printer</translation></message><message><source>USB 打印机</source><translation>USB printer</translation></message><message><source>串口打印机</source><translation>Serial printer</translation></message></context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../shift_page.py" line="89" />
        <source>开班</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="95" />
        <source>开班  [Enter]</source>
        <translation>Open shift  [Enter]</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="98" />
        <source>备用金(元)</source>
        <translation>Float (¥)</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="108" />
        <source>结班并生成日报、解款单  [Ctrl+Enter]</source>
        <translation>Close shift, make day report and deposit slip  [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="116" />
        <source>本班收款</source>
        <translation>This shift</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="124" />
        <source>结班前待处理</source>
        <translation>Before closing</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="140" />
        <source>日报和解款单</source>
        <translation>Day report and deposit slip</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="193" />
        <source>收费员 %1 当前没有未结班次。</source>
        <translation>Clerk %1 has no open shift.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="194" />
        <source>开班后显示本班收款。</source>
        <translation>The shift's takings show here once it is open.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="199" />
        <source>班次 %1 · 备用金 %2 元</source>
        <translation>Shift %1 · float ¥%2</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="204" />
        <source>收费凭证 %1 张</source>
        <translation>%1 receipts</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="205" />
        <source>现金实收 %1 元，找零 %2 元，退款 %3 元</source>
        <translation>Cash tendered ¥%1, change ¥%2, refunds ¥%3</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="211" />
        <source>退款支付（总部退款单）%1 笔，%2 元</source>
        <translation>Refunds paid out (head office's orders) %1, ¥%2</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="218" />
        <source>应有现金 %1 元</source>
        <translation>Expected cash ¥%1</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="220" />
        <source>按支付方式（与 POS / 扫码对账单核对）：</source>
        <translation>By method (match the POS / QR statements):</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="225" />
        <source>差额超过 %1 元需主管审批</source>
        <translation>A difference above ¥%1 needs a supervisor</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="230" />
        <source>⚠ 待补写卡：%1</source>
        <translation>⚠ Card write pending: %1</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="232" />
        <source>⚠ 凭证未打印：%1（可在历史页重打）</source>
        <translation>⚠ Receipt not printed: %1 (reprint from History)</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="234" />
        <source>✔ 没有待补写的卡和未打印的凭证</source>
        <translation>✔ No pending card writes, no unprinted receipts</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="258" />
        <source>已开班 %1，备用金 %2 元。</source>
        <translation>Shift %1 opened, float ¥%2.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="289" />
        <source>结班 %1？
应有现金 %2 元，清点 %3 元，%4。

结班后本班不能再收款或冲正，不能撤销。</source>
        <translation>Close shift %1?
Expected cash ¥%2, counted ¥%3, %4.

After the close this shift takes no payment or void; it cannot be undone.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="307" />
        <source>确认结班</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="302" />
        <source>未结班。</source>
        <translation>The shift is still open.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="328" />
        <source>已结班 %1：%2；应解款 %3 元。正在生成日报和解款单…</source>
        <translation>Shift %1 closed: %2; deposit ¥%3. Writing the day report and slip…</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="371" />
        <source>日报未能生成：%1</source>
        <translation>Day report not written: %1</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="375" />
        <source>已结班，日报和解款单已生成。</source>
        <translation>Shift closed; day report and deposit slip written.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="376" />
        <source>营业日报</source>
        <translation>Day report</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="376" />
        <source>解款单</source>
        <translation>Deposit slip</translation>
    </message>
</context>
<context>
    <name>TenderBox</name>
    <message>
        <location filename="../counter_tender.py" line="47" />
        <source>收款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="66" />
        <location filename="../counter_tender.py" line="154" />
        <source>顾客交来的现金；足额按 F8</source>
        <translation>cash given; F8 for exact amount</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="75" />
        <source>支付方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="76" />
        <source>缴费金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="77" />
        <source>实收(元)</source>
        <translation>Tendered (¥)</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="78" />
        <source>找零(元)</source>
        <translation>Change (¥)</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="82" />
        <source>零钱 [F9]</source>
        <translation>Change [F9]</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="84" />
        <location filename="../counter_tender.py" line="147" />
        <source>交易参考号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="87" />
        <source>确认收款  [Enter / F12]</source>
        <translation>Confirm payment  [Enter / F12]</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="91" />
        <source>收足额现金  [F8]</source>
        <translation>Exact cash  [F8]</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="102" />
        <source>F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  F8 收足额现金  F9 零钱转预存  Ctrl+R 重打上一张  Ctrl+Shift+V 冲正上一张  Esc 下一位</source>
        <translation>F2 cash  F3 bank card  F4 WeChat  F5 Alipay  F6 UnionPay  F7 cheque  F8 exact cash  F9 change to balance  Ctrl+R reprint last  Ctrl+Shift+V void last  Esc next</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="144" />
        <source>付款码</source>
        <translation>Payment code</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="145" />
        <source>扫描顾客手机上的付款码；扫不了时输入交易单号</source>
        <translation>Scan the code on the customer's phone; if it will not scan, type the trade no.</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="197" />
        <source>不足 %1</source>
        <translation>short %1</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="208" />
        <source>找零全部交还顾客</source>
        <translation>All change handed back</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="210" />
        <source>零钱转预存：找零的角分以下（不足 1 元部分）记入预存</source>
        <translation>Fen to balance: the change below 1 yuan goes to the balance</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="212" />
        <source>全部转预存：找零全部记入预存</source>
        <translation>All to balance: the whole change goes to the balance</translation>
    </message>
    <message>
        <location filename="../counter_tender.py" line="214" />
        <source>，本笔 %1 元</source>
        <translation>, ¥%1 this payment</translation>
    </message>
<message><source>现金</source><translation>Cash</translation></message><message><source>银行卡</source><translation>Bank card</translation></message><message><source>微信</source><translation>WeChat</translation></message><message><source>支付宝</source><translation>Alipay</translation></message><message><source>云闪付</source><translation>UnionPay</translation></message><message><source>支票</source><translation>Cheque</translation></message></context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../void_dialog.py" line="82" />
        <source>冲正凭证 %1</source>
        <translation>Void receipt %1</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="95" />
        <source>主管工号，如 S01</source>
        <translation>supervisor id, e.g. S01</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="101" />
        <source>如：收错用户 / 金额输错</source>
        <translation>e.g. wrong customer / wrong amount</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="102" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="103" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="104" />
        <source>冲正原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="110" />
        <source>核对退款后按 Ctrl+Enter 确认冲正；Esc 取消。</source>
        <translation>Check the refund, then Ctrl+Enter voids; Esc cancels.</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="115" />
        <source>取消  [Esc]</source>
        <translation>Cancel  [Esc]</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="117" />
        <source>确认冲正并退款  [Ctrl+Enter]</source>
        <translation>Void and refund  [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="150" />
        <source>正在读卡…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="161" />
        <source>正在冲正…</source>
        <translation>Voiding…</translation>
    </message>
</context>
<context>
    <name>WalletCollection</name>
    <message>
        <location filename="../counter_wallet.py" line="44" />
        <source>已更正钱包：按的是%1键，付款码属于%2，已按%2收款。</source>
        <translation>Wallet corrected: the %1 key was pressed, the payment code is %2's, charged via %2. </translation>
    </message>
    <message>
        <location filename="../counter_wallet.py" line="60" />
        <source>正在撤销扫码收款…</source>
        <translation>Cancelling the scanned payment…</translation>
    </message>
    <message>
        <location filename="../counter_wallet.py" line="80" />
        <source>正在向收单机构收款…</source>
        <translation>Collecting through the acquirer…</translation>
    </message>
    <message>
        <location filename="../counter_wallet.py" line="82" />
        <source>等待客户输入支付密码… 剩余 %1 秒（Esc 撤销）</source>
        <translation>Waiting for the customer's payment password… %1 s left (Esc cancels)</translation>
    </message>
</context>
<context>
    <name>WalletReconcilePanel</name>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="61" />
        <source>扫码收款对账</source>
        <translation>Wallet reconciliation</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="81" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="85" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="88" />
        <source>差异原因（签认时必填）</source>
        <translation>Reason (needed to sign)</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="90" />
        <source>签认差异</source>
        <translation>Sign differences off</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="93" />
        <source>立即对账</source>
        <translation>Reconcile now</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="110" />
        <source>尚未对账：按“立即对账”向收单机构取今天的对账单；结班时也会自动对账。</source>
        <translation>Not reconciled yet: press Reconcile now to fetch today's statements; the close reconciles too.</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="125" />
        <source>正在向收单机构取对账单…</source>
        <translation>Fetching the acquirers' statements…</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="143" />
        <source>结班时待完成的扫码对账已补记，日报随之更新。</source>
        <translation>The wallet reconciliation left pending at close is recorded; the day report is updated.</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="176" />
        <source>今天没有扫码收款，也未配置收单机构，无需对账。</source>
        <translation>No wallet payments today and no acquirer configured: nothing to reconcile.</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="178" />
        <source>收单机构暂时无法对账，结班照常进行，对账标为待完成：%1</source>
        <translation>The acquirer cannot be reached; the shift closes as usual and the reconciliation is marked pending: %1</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="182" />
        <source>另有 %1 项差异需主管签认。</source>
        <translation> %1 more differences need a supervisor's signature.</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="185" />
        <source>对账有 %1 项差异，需主管签认（工号、密码、原因）。</source>
        <translation>%1 differences: a supervisor must sign them off (ID, PIN, reason).</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="189" />
        <source>对账差异已由 %1 签认。</source>
        <translation>Differences signed off by %1.</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="190" />
        <source>扫码收款与收单机构对账单相符。</source>
        <translation>Wallet payments match the acquirers' statements.</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="198" />
        <source>（手工登记）</source>
        <translation> (typed reference)</translation>
    </message>
    <message>
        <location filename="../wallet_reconcile_panel.py" line="203" />
        <source>（无交易号）</source>
        <translation>(no trade no.)</translation>
    </message>
<message><source>钱包</source><translation>Wallet</translation></message><message><source>差异</source><translation>Difference</translation></message><message><source>交易号</source><translation>Trade no.</translation></message><message><source>凭证号</source><translation>Receipt no.</translation></message><message><source>本机(元)</source><translation>Here (¥)</translation></message><message><source>收单机构(元)</source><translation>Acquirer (¥)</translation></message></context>
<context>
    <name>page</name>
    <message>
        <location filename="../recharge_page.py" line="374" />
        <source>读卡器未配置。</source>
        <translation>No card reader configured.</translation>
    </message>
</context>
<context><name>messages</name><message><source>{text}</source><translation>{text}</translation></message><message><source>{reason_clause}；已收款并记为待写卡，请用户重新插卡，系统将自动补写，不会重复收费。</source><translation>{reason_clause}; the money is taken and the card write is pending: the customer inserts the card again and it is written automatically, without paying twice.</translation></message><message><source>读回的卡内记录与本次购电不符。</source><translation>The card read back does not hold this purchase.</translation></message><message><source>读回的卡内记录与补卡数据不符。</source><translation>The card read back does not hold the replacement's data.</translation></message><message><source>人员文件是空的；请检查总部下发的文件。</source><translation>The clerk file is empty; check the file head office sent.</translation></message><message><source>人员文件第 {line} 行格式错误；请检查总部下发的文件。</source><translation>Line {line} of the clerk file is malformed; check the file head office sent.</translation></message><message><source>人员文件的表头应为 {header}[,pin_hash]；请检查总部下发的文件。</source><translation>The clerk file's header should be {header}[,pin_hash]; check the file head office sent.</translation></message><message><source>{where}：工号“{cid}”无效（1 到 16 位字母或数字）。</source><translation>{where}: clerk ID "{cid}" is not valid (1 to 16 letters or digits).</translation></message><message><source>{where}：工号 {cid} 重复。</source><translation>{where}: clerk ID {cid} appears twice.</translation></message><message><source>{where}：姓名为空或过长。</source><translation>{where}: the name is empty or too long.</translation></message><message><source>{where}：角色须为 clerk、supervisor 或 admin。</source><translation>{where}: the role is clerk, supervisor or admin.</translation></message><message><source>{where}：active 须为 0 或 1。</source><translation>{where}: active is 0 or 1.</translation></message><message><source>{where}：pin_hash 须为总部生成的 scrypt 摘要，不能是明文密码。</source><translation>{where}: pin_hash must be a scrypt digest made by head office, never a plain PIN.</translation></message><message><source>人员文件没有数据行；请检查总部下发的文件。</source><translation>The clerk file has no rows; check the file head office sent.</translation></message><message><source>没有要导入的人员。</source><translation>There are no clerks to import.</translation></message><message><source>；</source><translation>; </translation></message><message><source>收费员 {clerk_id} 没有已开的班次；请先开班（班次 → 开班，或 `shift open --float X`）。</source><translation>Clerk {clerk_id} has no open shift; open one first (Shift page, float, Enter).</translation></message><message><source>班次 {shift_id} 是 {business_day} 营业日开的，不能再收今天（{today}）的钱；请先结班，再开新班次。</source><translation>Shift {shift_id} belongs to business day {business_day} and cannot take money today ({today}); close it and open a new shift.</translation></message><message><source>{method}收款需要填写{hint}；请填写后再确认。</source><translation>{method}: the payment needs its reference ({hint}); fill it in and confirm.</translation></message><message><source>用户 {customer_no} 当前没有应缴电费；如需预存，请输入金额。</source><translation>Customer {customer_no} owes nothing now; type an amount to pay in advance.</translation></message><message><source>金额必须大于 0.00 元。</source><translation>The amount must be more than 0.00.</translation></message><message><source>应收 {amount_fen} 元超过单笔收费上限 {cap_fen} 元；请分笔收取并核对金额。</source><translation>¥{amount_fen} is above the single-payment limit of ¥{cap_fen}; split it and check the amount.</translation></message><message><source>应缴 {due_fen} 元，该用户不允许部分缴费；请至少收取 {due_fen} 元。</source><translation>¥{due_fen} is due and this customer may not pay in part; take at least ¥{due_fen}.</translation></message><message><source>交易参考号有 {length} 个字符，最多 {max} 个；请核对后重新输入。</source><translation>The reference has {length} characters, at most {max} are allowed; check it and type it again.</translation></message><message><source>实收 {tendered_fen} 元要找零 {change_fen} 元，超过找零上限 {max_fen} 元，不可能是顾客交来的现金；请核对实收金额（是否多打了 0？），未收款。</source><translation>Tendered ¥{tendered_fen} would need ¥{change_fen} change, above the change limit of ¥{max_fen}: check the cash tendered (an extra 0?). Nothing was booked.</translation></message><message><source>实收现金 {tendered_fen} 元少于缴费金额 {amount_fen} 元；请补足现金或改小金额。</source><translation>Cash tendered ¥{tendered_fen} is less than the amount ¥{amount_fen}; take more cash or lower the amount.</translation></message><message><source>{method}收款不找零；实收必须等于缴费金额。</source><translation>{method} gives no change; the tendered amount must equal the amount.</translation></message><message><source>零钱转预存应为 none、all 或 fen，不能是“{mode}”。</source><translation>Change to balance is none, all or fen, not "{mode}".</translation></message><message><source>只有现金收款有找零，零钱转预存只能用于现金。</source><translation>Only cash has change: change to balance is for cash payments.</translation></message><message><source>{business_day} 的扫码收款对账有 {count} 项差异未经主管签认；请先签认差异，再签认日结。</source><translation>The wallet reconciliation of {business_day} has {count} differences no supervisor signed off; sign them off before the day.</translation></message><message><source>扫码对账的营业日 {day} 与班次的营业日 {business_day} 不符；请重新对账后再结班。</source><translation>The wallet reconciliation is for {day}, the shift for {business_day}; reconcile again, then close.</translation></message><message><source>{business_day} 扫码收款对账没有差异，无需签认。</source><translation>The wallet reconciliation of {business_day} has no differences: nothing to sign.</translation></message><message><source>签认扫码对账差异必须填写原因。</source><translation>Signing the wallet differences off needs a reason.</translation></message><message><source>用户 {customer_no} 没有待领的退款。</source><translation>Customer {customer_no} has no refund to collect.</translation></message><message><source>用户 {customer_no} 没有编号为 {refund_id} 的退款单；请核对退款单号。</source><translation>Customer {customer_no} has no refund {refund_id}; check the refund number.</translation></message><message><source>冲正需退还现金 {amount_fen} 元，超过本班钱箱现有现金 {in_drawer_fen} 元；请待钱箱现金足够后再冲正。</source><translation>The void gives back ¥{amount_fen} in cash, more than the ¥{in_drawer_fen} in this shift's drawer; void it once the drawer holds enough.</translation></message><message><source>退款 {amount_fen} 元超过本班钱箱现有现金 {in_drawer_fen} 元；请待钱箱现金足够后再支付。</source><translation>The refund of ¥{amount_fen} is more than the ¥{in_drawer_fen} of cash in this shift's drawer; pay it out once the drawer holds enough.</translation></message><message><source>退款单 {refund_id} 已由本机第 {seq} 笔流水支付，不能再次支付。</source><translation>Refund {refund_id} was paid out by entry {seq} of this counter; it cannot be paid twice.</translation></message><message><source>退款单 {refund_id} 总部记录已在其他柜台支付，不能再次支付。</source><translation>Head office records refund {refund_id} as paid at another counter; it cannot be paid twice.</translation></message><message><source>退款待领 {amount_fen}</source><translation>Refund to collect {amount_fen}</translation></message><message><source>  退款待领 {owed_fen}</source><translation>  refund to collect {owed_fen}</translation></message><message><source>导出欠费清单的进程意外结束（退出码 {exit_code}），未写出文件；请重试。</source><translation>The arrears export's process ended unexpectedly (exit code {exit_code}); no file was written. Try again.</translation></message><message><source>无法写出文件 {path}（{reason}），未导出；请检查文件夹是否存在、是否可写。</source><translation>Cannot write {path} ({reason}); nothing was exported. Check that the folder exists and is writable.</translation></message><message><source>{reader}就绪，卡已插入。</source><translation>{reader} ready, card inserted.</translation></message><message><source>{reader}就绪，读卡器上没有卡，请插入购电卡。</source><translation>{reader} ready; insert a card.</translation></message><message><source>欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天</source><translation>{bills} bills overdue, ¥{owed_fen} with late fees, oldest {days} days</translation></message><message><source>欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天，已满足停电通知条件</source><translation>{bills} bills overdue, ¥{owed_fen} with late fees, oldest {days} days: a stop-power notice may be proposed</translation></message><message><source>风险等级 {grade}：{reasons}</source><translation>{grade}: {reasons}</translation></message><message><source>风险等级 {ho_grade}（总部评级）；本柜台所见：{reasons}</source><translation>{ho_grade} (head office's grade); seen at this counter: {reasons}</translation></message><message><source>风险等级（总部评级）{ho_grade}；本柜台按数据计算：无风险等级</source><translation>Risk grade (head office) {ho_grade}; from this counter's data: none</translation></message><message><source>停电通知书已于 {served_on} 送达，最早可于 {stop_from} 起停电；结清欠费后自动撤销</source><translation>Stop-power notice served on {served_on}; supply may stop from {stop_from}; paying in full cancels it</translation></message><message><source>停电通知 已提出，待主管审批（{notice_id}）</source><translation>Stop-power notice proposed, waiting for a supervisor ({notice_id})</translation></message><message><source>停电通知 已审批，尚未送达（{notice_id}）</source><translation>Stop-power notice approved, not yet served ({notice_id})</translation></message><message><source>列入诚信黑榜（统一社会信用代码 {credit_code}，{quarter}）</source><translation>On the integrity blacklist (credit code {credit_code}, {quarter})</translation></message><message><source>重要用户：停电须报电力管理部门，不得简单停电</source><translation>Important customer: a stop must be reported to the power authority, never simply cut</translation></message><message><source>费控（IC卡）用户：购电请使用“IC卡购电”</source><translation>Prepaid (IC card) customer: use the IC card page to buy power</translation></message><message><source>高风险后付费用户：建议改装费控（预付费）电表</source><translation>High-risk postpaid customer: propose a prepaid meter</translation></message><message><source>{head} · 待上传 {pending} 笔 · {last}</source><translation>{head} · {pending} to upload · {last}</translation></message><message><source>正在连接总部</source><translation>Connecting to head office</translation></message><message><source>总部在线</source><translation>Head office online</translation></message><message><source>总部离线</source><translation>Head office offline</translation></message><message><source>总部在线（有待核查的告警）</source><translation>Head office online (alarms to check)</translation></message><message><source>上次同步 {at}</source><translation>last sync {at}</translation></message><message><source>尚未同步</source><translation>not synced yet</translation></message><message><source>同步出错，已记入日志；本机照常收费，稍后自动重试。</source><translation>Sync failed and was logged; this counter keeps taking money and retries soon.</translation></message><message><source>无法连接总部账务中心（网络中断或服务器未响应）；本机照常收费，流水待网络恢复后自动上传。</source><translation>Head office's ledger does not answer (the network is down or the server is not responding); payments go on here and the entries upload once the network is back.</translation></message><message><source>总部账务中心拒绝了本次同步（{error}）；本机照常收费，请联系信息部门。</source><translation>Head office's ledger refused this sync ({error}); payments go on here; call IT.</translation></message><message><source>总部账务中心未接收第 {seq} 笔及以后的流水；请联系信息部门。</source><translation>Head office did not accept entry {seq} and after; call IT.</translation></message><message><source>总部已有本终端第 {seq} 笔流水，本机只有 {head} 笔：本机数据库可能被还原过，已停止上传，请联系信息部门。</source><translation>Head office holds entry {seq} of this terminal but this PC has only {head}: the local database may have been restored. Upload stopped; call IT.</translation></message><message><source>终端 {terminal_id} 的密钥 {fingerprint} 尚未经总部认证（开通步骤未完成，不是数据被改动）：流水暂存本机、不会丢失，收费照常；请总部执行 central terminal approve {terminal_id}（或任何一条 central 命令），之后再同步即可。</source><translation>Terminal {terminal_id}'s key {fingerprint} is not certified by head office yet (a set-up step left undone, not altered data): its entries wait on this PC, nothing is lost, payments go on; head office runs central terminal approve {terminal_id} (or any central command), then sync again.</translation></message><message><source>本机第 {seq} 笔流水与总部留存的不一致，已停止上传，请联系信息部门核查。</source><translation>Entry {seq} on this PC differs from head office's copy. Upload stopped; call IT to check.</translation></message><message><source>终端 {terminal_id} 的本机数据库是一份旧的副本（如旧磁盘映像），又用总部已有的流水号收了费：这 {held} 笔流水（收款 {money_fen} 元）已存入总部隔离区，不计入账务、不会丢失，待核查；本机停止收费。请信息部门用 python main.py restore 从备份和总部恢复本机，再由主管核查隔离区的流水。</source><translation>The database of terminal {terminal_id} is an old copy (such as an old disk image) that took money under entry numbers head office already holds. These {held} entries (¥{money_fen} received) are in head office's quarantine: not booked, not lost, waiting for review. This PC stops taking money. IT restores it with python main.py restore from the backup and head office, then a supervisor reviews the quarantined entries.</translation></message><message><source>总部账务中心中用户 {customer_no} 的数据在签名后被改动：本机上传的该用户 {held} 笔流水（{money_fen} 元）已由总部收存、不会丢失，但暂不入账，已转总部核查；请信息部门核查总部数据库。</source><translation>Head office's rows of customer {customer_no} were changed after they were signed: this PC's {held} entries for the customer (¥{money_fen}) are stored at head office and not lost, but are not booked until head office has checked them; IT checks head office's database.</translation></message><message><source>终端号 {terminal_id} 同时被两台电脑使用：总部登记的是另一台电脑的密钥，本机（密钥 {fingerprint}…）不是那台。本机的 {held} 笔流水（收款 {money_fen} 元）已存入总部隔离区，不计入账务、不会丢失，待核查；本机停止收费。请信息部门为本机开通一个新的终端号（重新开通），再由主管核查隔离区的流水。</source><translation>Terminal {terminal_id} is used by two PCs: head office holds the other PC's key, not this one's (key {fingerprint}...). This PC's {held} entries (¥{money_fen} received) are in head office's quarantine: not booked, not lost, waiting for review. This PC stops taking money. IT provisions a new terminal id for it, then a supervisor reviews the quarantined entries.</translation></message><message><source>未设置备份位置：本机故障时未上传的收费可能丢失</source><translation>No backup location set: payments not yet uploaded may be lost if this PC fails</translation></message><message><source>备份位置不可用（U 盘或共享未连接），上次备份 {age}</source><translation>Backup location unavailable (USB drive or share not connected), last backup {age}</translation></message><message><source>备份失败：{detail}</source><translation>Backup failed: {detail}</translation></message><message><source>备份失败，上次备份 {age}</source><translation>Backup failed, last backup {age}</translation></message><message><source>备份已过期：上次备份 {age}，有 {behind} 笔流水未备份</source><translation>Backup out of date: last backup {age}, {behind} entries not backed up</translation></message><message><source>备份中：{behind} 笔流水待备份</source><translation>Backing up: {behind} entries to copy</translation></message><message><source>已备份（{age}）</source><translation>Backed up ({age})</translation></message><message><source>已记账，但{error}</source><translation>Recorded, but {error}</translation></message><message><source>无</source><translation>none</translation></message><message><source>{n} 秒前</source><translation>{n} s ago</translation></message><message><source>{n} 分钟前</source><translation>{n} min ago</translation></message><message><source>{n} 小时前</source><translation>{n} h ago</translation></message><message><source>{n} 天前</source><translation>{n} days ago</translation></message><message><source>上传 {pushed} 笔，下载 {pulled} 条，待上传 {pending} 笔</source><translation>Uploaded {pushed} entries, downloaded {pulled} rows, {pending} waiting to upload</translation></message><message><source>未设置备份位置；请在 config.toml 的 [backup] 中填写 path（U 盘或网络共享）。</source><translation>No backup location set; fill in path under [backup] in config.toml (USB drive or share).</translation></message><message><source>卡片正常，可以购电。</source><translation>The card is fine: power can be bought.</translation></message><message><source>这是一张未发行的空白卡，请先办理发卡或补卡。</source><translation>This is a blank card that was never issued; issue or replace the card first.</translation></message><message><source>此卡已挂失作废，不能购电，请收回此卡并使用补发的新卡。</source><translation>This card was reported lost and is void; keep it and use the replacement card.</translation></message><message><source>此卡属于用户 {card_customer}，不是当前办理的用户 {customer}，请核对卡片。</source><translation>This card belongs to customer {card_customer}, not to {customer}; check the card.</translation></message><message><source>卡内购电记录校验失败，卡片可能被改写，请收卡并交稽查人员处理。</source><translation>The card's purchase record fails its check and may have been altered; keep the card and hand it to the inspectors.</translation></message><message><source>电表返写的购电次数（{meter_count}）与卡内购电次数（{card_count}）不符，请交稽查人员处理。</source><translation>The meter wrote back purchase count {meter_count} but the card holds {card_count}; hand it to the inspectors.</translation></message><message><source>上次购电（第 {card_count} 次）尚未插入电表，请用户先将卡插入电表，再来购电。</source><translation>The last purchase (number {card_count}) is not in the meter yet; the customer inserts the card in the meter first, then buys again.</translation></message><message><source>购电金额必须大于零且不超过卡片上限。</source><translation>The purchase must be more than zero and within the card's limit.</translation></message><message><source>此卡购电次数已达上限，请办理换卡。</source><translation>This card has reached its purchase count limit; replace the card.</translation></message><message><source>凭证 {receipt_no} 的购电已冲正，但卡内已写入该笔购电；请收卡并交主管处理。</source><translation>The purchase of receipt {receipt_no} was reversed but is on the card; keep the card and call a supervisor.</translation></message><message><source>卡内购电记录与本机待写卡记录（凭证 {receipt_no}，第 {purchase_count} 次购电）不符，不能补写卡；请收卡并交主管处理。</source><translation>The card's purchase record differs from the write waiting here (receipt {receipt_no}, purchase {purchase_count}); it cannot be rewritten. Keep the card and call a supervisor.</translation></message><message><source>补写卡后读回的卡内记录不符（凭证 {receipt_no}），请重新插卡再试。</source><translation>The card read back after the rewrite does not match (receipt {receipt_no}); insert the card again and retry.</translation></message><message><source>用户 {customer_no} 不是费控（IC卡）用户，不能IC卡购电；请按电费缴费办理。</source><translation>Customer {customer_no} has no prepaid (IC card) meter; take a bill payment instead.</translation></message><message><source>单次购电不能超过 {limit_fen} 元；请改小金额。</source><translation>One purchase may not exceed ¥{limit_fen}; lower the amount.</translation></message><message><source>电表剩余 {hoard_fen} 元，再购 {amount_fen} 元将超过囤积上限 {limit_fen} 元；本次最多可购 {most_fen} 元。</source><translation>The meter holds ¥{hoard_fen}; another ¥{amount_fen} would pass the holding limit of ¥{limit_fen}. At most ¥{most_fen} can be bought now.</translation></message><message><source>卡内表号 {card_meter} 与用户档案表号 {meter} 不符；请核对卡片或联系主管。</source><translation>The card's meter no. {card_meter} differs from the customer's meter no. {meter}; check the card or call a supervisor.</translation></message><message><source>读卡器（{name}）</source><translation>Card reader ({name})</translation></message><message><source>未安装 pyscard（PC/SC 支持），读卡器不可用，请联系信息部门。</source><translation>pyscard (PC/SC support) is not installed: the card reader cannot be used; call IT.</translation></message><message><source>读卡器服务未运行（pcscd），请联系信息部门启动读卡服务。</source><translation>The card reader service (pcscd) is not running; call IT to start it.</translation></message><message><source>读卡器无响应，请拔插读卡器后重试。</source><translation>The card reader does not answer; unplug it, plug it back in and retry.</translation></message><message><source>读卡器状态未知：{detail}</source><translation>Card reader state unknown: {detail}</translation></message><message><source>找不到读卡器，请检查读卡器连接。</source><translation>No card reader found; check its cable.</translation></message><message><source>找不到名称含“{match}”的读卡器，请检查读卡器连接。</source><translation>No card reader named like "{match}" found; check its cable.</translation></message><message><source>读卡器状态读取失败（{detail}）。</source><translation>Could not read the card reader's state ({detail}).</translation></message><message><source>读卡器已断开，请检查读卡器连接。</source><translation>The card reader was disconnected; check its cable.</translation></message><message><source>读卡失败（{detail}），请重新插卡后重试。</source><translation>Reading the card failed ({detail}); insert the card again and retry.</translation></message><message><source>config.toml 中 [card] master_key_hex 太短（至少 32 个十六进制字符）；请联系信息部门。</source><translation>[card] master_key_hex in config.toml is too short (at least 32 hex digits); call IT.</translation></message><message><source>读卡器设置有误：[card] timeout_s 应为秒数，而不是“{value}”。</source><translation>Card reader setting wrong: [card] timeout_s is a number of seconds, not "{value}".</translation></message><message><source>读卡器设置有误：[card] kind 应为 simulated 或 pcsc，而不是“{kind}”。</source><translation>Card reader setting wrong: [card] kind is simulated or pcsc, not "{kind}".</translation></message><message><source>读卡器上没有卡，请插入购电卡。</source><translation>No card in the reader; insert the purchase card.</translation></message><message><source>卡片在读写过程中被拔出，请重新插卡后重试。</source><translation>The card was pulled out while in use; insert it again and retry.</translation></message><message><source>这不是本系统的购电卡（找不到 HallPay 应用），请换卡。</source><translation>This is not a HallPay purchase card (no HallPay application); use another card.</translation></message><message><source>读卡器上的卡已被换成另一张卡，请放回原卡后重试。</source><translation>The card in the reader was swapped for another; put the first card back and retry.</translation></message><message><source>此卡已发行过，不能再次发卡；补卡请使用新的空白卡。</source><translation>This card was already issued and cannot be issued again; use a new blank card.</translation></message><message><source>卡片状态不允许此操作（空白卡或应用未选择），请核对卡片。</source><translation>The card's state does not allow this (blank card or application not selected); check the card.</translation></message><message><source>卡片拒绝了写入的数据（购电次数不连续），请核对卡片与营业厅记录。</source><translation>The card refused the data (purchase counts not consecutive); check the card against the hall's records.</translation></message><message><source>卡片拒绝了操作（{step}，状态字 {sw_hex}），请重新插卡后重试。</source><translation>The card refused the operation ({step}, status word {sw_hex}); insert it again and retry.</translation></message><message><source>卡片应答异常（{step}），请重新插卡后重试。</source><translation>The card gave a malformed answer ({step}); insert it again and retry.</translation></message><message><source>卡号无法识别，请换卡。</source><translation>The card number cannot be read; use another card.</translation></message><message><source>卡片文件长度不对（{step}），请换卡。</source><translation>A card file has the wrong length ({step}); use another card.</translation></message><message><source>卡内数据格式错误，卡片可能损坏，请交稽查人员处理。</source><translation>The card's data is malformed and the card may be damaged; hand it to the inspectors.</translation></message><message><source>卡内记录的卡号与芯片卡号不符，卡片可能被复制，请收卡并交稽查人员处理。</source><translation>The card number on file differs from the chip's and the card may be a copy; keep it and hand it to the inspectors.</translation></message><message><source>选择应用</source><translation>select application</translation></message><message><source>读卡号</source><translation>read card number</translation></message><message><source>读身份文件</source><translation>read identity file</translation></message><message><source>读钱包</source><translation>read wallet</translation></message><message><source>读返写区</source><translation>read meter return</translation></message><message><source>写购电记录</source><translation>write purchase</translation></message><message><source>发卡</source><translation>issue card</translation></message><message><source>列入诚信黑榜</source><translation>on the integrity blacklist</translation></message><message><source>欠费 {months} 个月（≥{limit}）</source><translation>{months} months in arrears (≥{limit})</translation></message><message><source>欠费金额 {owed_fen} 元（≥{limit_fen}）</source><translation>¥{owed_fen} owed (≥¥{limit_fen})</translation></message><message><source>近一年逾期缴费 {count} 次（≥{limit}）</source><translation>paid late {count} times in a year (≥{limit})</translation></message><message><source>非居民大额用户（月均电费 {monthly_fen} 元）且欠费</source><translation>large non-residential customer (¥{monthly_fen} a month) in arrears</translation></message><message><source>最长逾期 {days} 天（&gt;{limit}）</source><translation>oldest bill {days} days overdue (&gt;{limit})</translation></message><message><source>或</source><translation> or </translation></message><message><source>密码须为 6 到 12 位数字。</source><translation>A PIN is 6 to 12 digits.</translation></message><message><source>密码不能是同一个数字重复；请换一个密码。</source><translation>A PIN may not repeat one digit; choose another.</translation></message><message><source>密码不能是连续数字；请换一个密码。</source><translation>A PIN may not be a run of digits; choose another.</translation></message><message><source>{who} 的密码连续输错次数过多，已锁定至 {until}；请稍后再试或请主管处理。</source><translation>Too many wrong PINs for {who}: locked until {until}. Try later or ask a supervisor.</translation></message><message><source>{who} 的密码不正确；再错 {remaining} 次将锁定 {minutes} 分钟。</source><translation>Wrong PIN for {who}; {remaining} more wrong and it locks for {minutes} minutes.</translation></message><message><source>本终端没有工号为 {who} 的人员；请核对工号。</source><translation>Nobody has ID {who} on this terminal; check the ID.</translation></message><message><source>{who} 已停用，不能{purpose}；请联系营业厅主管。</source><translation>{who} is deactivated and may not do this ({purpose}); ask the hall supervisor.</translation></message><message><source>{who} 尚未设置密码，不能{purpose}；请由系统管理员设置初始密码。</source><translation>{who} has no PIN yet and may not do this ({purpose}); an administrator sets a first PIN.</translation></message><message><source>{who} 正在使用总部下发的一次性密码，须先设置自己的密码：python main.py clerk pin（或在收费窗口登录时按提示修改）。</source><translation>{who} is using head office's one-time PIN and must set their own first: python main.py clerk pin (or as the counter window's login asks).</translation></message><message><source>{who} 的密码刚刚被修改；请重新输入密码。</source><translation>The PIN of {who} was just changed; type it again.</translation></message><message><source>{who} 是{role}，不能{action}；需要{needed_labels}。</source><translation>{who} is a {role} and may not do this ({action}); it needs a {needed_labels}.</translation></message><message><source>{action}需要主管审批；请填写主管工号和密码。</source><translation>This needs a supervisor's approval ({action}); fill in the supervisor's ID and PIN.</translation></message><message><source>本终端没有工号为 {who} 的人员；请核对主管工号。</source><translation>Nobody has ID {who} on this terminal; check the supervisor's ID.</translation></message><message><source>{action}不能由经办人自己审批；请由另一位主管审批。</source><translation>The clerk who acts may not approve it ({action}); another supervisor approves.</translation></message><message><source>{who} 不是主管，不能审批{action}；请由班长或营业厅主管审批。</source><translation>{who} is not a supervisor and may not approve this ({action}); ask the shift leader or the hall supervisor.</translation></message><message><source>、</source><translation>, </translation></message><message><source>“{text}” 不是有效金额；请输入元为单位、最多两位小数的金额，如 123.45。</source><translation>"{text}" is not an amount; type yuan with at most two decimals, such as 123.45.</translation></message><message><source>{text} 元超过系统可受理的金额上限（1 亿元）；请核对金额。</source><translation>¥{text} is above the largest amount HallPay takes (100,000,000.00); check it.</translation></message><message><source>{denomination_fen} 元不是可清点的券别；券别为 {all_list}。</source><translation>¥{denomination_fen} is not a denomination; the denominations are {all_list}.</translation></message><message><source>{denomination_fen} 元的张数 {pieces} 不合理；请重新清点。</source><translation>{pieces} pieces of ¥{denomination_fen} is not plausible; count again.</translation></message><message><source>请按“券别x张数”填写点钞结果，如 100x5,50x2,0.5x3；没有现金时填 100x0。</source><translation>Type the count as denomination x pieces, such as 100x5,50x2,0.5x3; no cash at all is 100x0.</translation></message><message><source>“{item}”不是“券别x张数”的格式；请按 100x5,50x2,0.5x3 这样填写。</source><translation>"{item}" is not denomination x pieces; type it like 100x5,50x2,0.5x3.</translation></message><message><source>“{item}”中的券别无效；券别为 {all_list}。</source><translation>The denomination in "{item}" is not valid; the denominations are {all_list}.</translation></message><message><source>“{item}”中的 {yuan} 元不是可清点的券别；券别为 {all_list}。</source><translation>¥{yuan} in "{item}" is not a denomination; the denominations are {all_list}.</translation></message><message><source>长款 {amount_fen} 元</source><translation>over by ¥{amount_fen}</translation></message><message><source>短款 {amount_fen} 元</source><translation>short by ¥{amount_fen}</translation></message><message><source>账款相符</source><translation>cash matches</translation></message><message><source>收费员 {clerk_id} 没有未结的班次；无需结班。</source><translation>Clerk {clerk_id} has no open shift; there is nothing to close.</translation></message><message><source>点钞结果与应有现金不符（{difference}）；请填写原因后再结班。</source><translation>The count differs from the expected cash ({difference}); type a reason, then close.</translation></message><message><source>结班时应有现金或差额规则刚有变化；请重新点钞后再结班。</source><translation>The expected cash or the difference rule just changed; count again, then close.</translation></message><message><source>{business_day} 没有班次，无需签认。</source><translation>{business_day} has no shifts; nothing to sign off.</translation></message><message><source>班次 {shifts} 尚未结班；全部结班后才能签认日结。</source><translation>Shifts {shifts} are still open; the day is signed off once every shift is closed.</translation></message><message><source>{business_day} 的日结已由 {who} 签认，不能重复签认。</source><translation>{business_day} was already signed off by {who}.</translation></message><message><source>{business_day} 的班次刚有变化；请重新签认日结。</source><translation>The shifts of {business_day} just changed; sign the day off again.</translation></message><message><source>备用金不能为负数。</source><translation>The float cannot be negative.</translation></message><message><source>本终端没有工号为 {clerk_id} 的收费员。</source><translation>No clerk has ID {clerk_id} on this terminal.</translation></message><message><source>收费员 {clerk_id} 已有未结班次 {shift_id}；请先结班。</source><translation>Clerk {clerk_id} already has open shift {shift_id}; close it first.</translation></message><message><source>没有户号为 {customer_no} 的用户；请核对电费单上的户号，或按姓名、电话、地址查找。</source><translation>There is no customer no. {customer_no}; check the number on the bill, or search by name, phone or address.</translation></message><message><source>违约金减免必须填写原因。</source><translation>A late-fee waiver needs a reason.</translation></message><message><source>减免金额 {waiver_fen} 元超出应收违约金 {fees_fen} 元；请核对减免金额。</source><translation>The waiver of ¥{waiver_fen} is more than the late fees due, ¥{fees_fen}; check it.</translation></message><message><source>读卡器中的卡已发行给用户，补卡请插入一张空白卡。</source><translation>The card in the reader was already issued; insert a blank card to replace a card.</translation></message><message><source>用户 {customer_no} 的档案没有表号，不能补卡；请联系主管核对档案。</source><translation>Customer {customer_no} has no meter no. on file, so no card can be issued; ask a supervisor to check the record.</translation></message><message><source>这张空白卡的卡号在本终端已使用过，不能再发行；请换一张新卡。</source><translation>This blank card's number was already used on this terminal; use another new card.</translation></message><message><source>请输入户号、卡号、电话、姓名或地址。</source><translation>Type a customer no., card no., phone, name or address.</translation></message><message><source>请至少输入两个字再查找。</source><translation>Type at least two characters to search.</translation></message><message><source>没有编号为 {receipt_no} 的收费凭证；请核对凭证号。</source><translation>There is no receipt no. {receipt_no}; check the number.</translation></message><message><source>冲正必须填写原因。</source><translation>A reversal needs a reason.</translation></message><message><source>凭证 {receipt_no} 不是收费凭证，不能冲正。</source><translation>Receipt {receipt_no} is not a payment receipt and cannot be reversed.</translation></message><message><source>凭证 {receipt_no} 已于第 {seq} 号流水冲正，不能重复冲正。</source><translation>Receipt {receipt_no} was already reversed by entry {seq}.</translation></message><message><source>凭证 {receipt_no} 属于班次 {shift_id}，不在收费员 {clerk_id} 当前的班次内；已结班次不能冲正，更正请在新班次中作为新业务办理。</source><translation>Receipt {receipt_no} belongs to shift {shift_id}, not to clerk {clerk_id}'s open shift; a closed shift cannot be reversed, correct it as new business in a new shift.</translation></message><message><source>凭证 {receipt_no} 的原始流水缺失；请联系信息部门核查后再冲正。</source><translation>The journal entry of receipt {receipt_no} is missing; call IT before reversing it.</translation></message><message><source>没有户号为 {customer_no} 的用户；不能冲正。</source><translation>There is no customer no. {customer_no}; the receipt cannot be reversed.</translation></message><message><source>该笔缴费形成的预存 {delta_fen} 元已被使用（当前余额 {balance_fen} 元），不能冲正；请主管核查后另行处理。</source><translation>The ¥{delta_fen} this payment added to the balance was already used (balance now ¥{balance_fen}); it cannot be reversed. A supervisor checks and handles it.</translation></message><message><source>凭证 {receipt_no} 所缴账期 {period} 的电费已被总部调整，不能在柜台冲正；请联系主管。</source><translation>The {period} bill paid by receipt {receipt_no} was adjusted by head office and cannot be reversed at the counter; call a supervisor.</translation></message><message><source>凭证 {receipt_no} 的购电已写入IC卡，不能冲正；电量已进入电表，如需退费请按退费流程办理。</source><translation>The purchase of receipt {receipt_no} is on the IC card and cannot be reversed; the power is in the meter, a refund follows the refund procedure.</translation></message><message><source>凭证 {receipt_no} 的购电尚未确认写入IC卡；请先插入用户的IC卡读卡，确认卡内没有该笔购电后再冲正。</source><translation>The purchase of receipt {receipt_no} is not confirmed on the IC card; insert the customer's card so the counter can read that the purchase is not on it, then reverse.</translation></message><message><source>读卡器中的卡（户号 {card_customer}）不是凭证 {receipt_no} 购电所用的用户 {customer_no} 的卡；请插入该用户的卡，未冲正。</source><translation>The card in the reader (customer {card_customer}) is not the card customer {customer_no} bought on with receipt {receipt_no}; insert that customer's card. Nothing was reversed.</translation></message><message><source>卡 {serial} 已补卡停用，凭证 {receipt_no} 的购电已转到新卡，不能冲正；请主管核查。</source><translation>Card {serial} was replaced and retired; the purchase of receipt {receipt_no} moved to the new card and cannot be reversed. A supervisor checks it.</translation></message><message><source>没有编号为 {notice_id} 的停电通知；请核对编号。</source><translation>There is no stop-power notice {notice_id}; check the number.</translation></message><message><source>停电通知 {notice_id} 当前状态为“{state}”，不能办理此操作。</source><translation>Stop-power notice {notice_id} is {state}: this cannot be done now.</translation></message><message><source>用户 {customer_no} 已有未结的停电通知，不能重复提出。</source><translation>Customer {customer_no} already has an open stop-power notice.</translation></message><message><source>用户 {customer_no} 没有逾期超过 {days} 天的欠费（最长逾期 {oldest} 天），不能提出停电通知。</source><translation>Customer {customer_no} owes nothing more than {days} days overdue (oldest {oldest} days): no stop-power notice can be proposed.</translation></message><message><source>送达方式“{method_name}”无效；可选：{choices_list}。</source><translation>"{method_name}" is not a way to serve a notice; choose {choices_list}.</translation></message><message><source>停电前再次通知应在 {stop_from} 停电前一天起办理；现在还早。</source><translation>The reminder before the stop is due from the day before {stop_from}; it is too early.</translation></message><message><source>界面语言只能是 zh_CN 或 en。</source><translation>The language is zh_CN or en.</translation></message><message><source>终端号不能为空。</source><translation>The terminal id cannot be empty.</translation></message><message><source>打印机类型只能是 none、file、network、usb 或 serial。</source><translation>The printer type is none, file, network, usb or serial.</translation></message><message><source>纸宽只能是 58 或 80 毫米。</source><translation>The paper width is 58 or 80 mm.</translation></message><message><source>读卡器类型只能是 simulated 或 pcsc。</source><translation>The card reader type is simulated or pcsc.</translation></message><message><source>自动锁屏时间应为不小于 0 的整数秒（0 = 不自动锁屏）。</source><translation>The idle lock delay is a whole number of seconds, 0 or more (0 = never).</translation></message><message><source>设置没有变化，无需保存。</source><translation>Nothing changed; there is nothing to save.</translation></message><message><source>新密码不能与原密码相同。</source><translation>The new PIN must differ from the old one.</translation></message><message><source>月份“{text}”无效；请写成 YYYY-MM，例如 {example}。</source><translation>"{text}" is not a month; write YYYY-MM, such as {example}.</translation></message><message><source>{receipt_no}  {customer_no} {name}  {method} {amount_fen}  找零 {change_fen}  余额 {balance_fen}</source><translation>{receipt_no}  {customer_no} {name}  {method} {amount_fen}  change {change_fen}  balance {balance_fen}</translation></message><message><source>  零钱转预存 {kept_fen}</source><translation>  change to balance {kept_fen}</translation></message><message><source>  预收冲抵 {offset_fen}</source><translation>  prepaid offset {offset_fen}</translation></message><message><source>凭证未打印：{reason}</source><translation>Receipt not printed: {reason}</translation></message><message><source>凭证 {receipt_no} 未能打印：{reason}</source><translation>Receipt {receipt_no} did not print: {reason}</translation></message><message><source>{receipt_no} 已重打</source><translation>{receipt_no} reprinted</translation></message><message><source>已冲正 {receipt_no}：退款 {refund_fen} 元（{method}），流水 {seq}</source><translation>Reversed {receipt_no}: refund ¥{refund_fen} ({method}), entry {seq}</translation></message><message><source>开班 {shift_id}（备用金 {float_fen} 元）</source><translation>Shift {shift_id} opened (float ¥{float_fen})</translation></message><message><source>结班需要点钞结果；请用 --count "100x5,50x2,0.5x3" 按券别填写张数。</source><translation>Closing needs the cash count; give --count "100x5,50x2,0.5x3" (pieces per denomination).</translation></message><message><source>结班 {shift_id}：应有现金 {expected}，实点 {counted}，{difference}；应解款 {deposit}</source><translation>Shift {shift_id} closed: expected cash {expected}, counted {counted}, {difference}; deposit {deposit}</translation></message><message><source>班次 {shift_id}：应有现金 {expected_fen}</source><translation>Shift {shift_id}: expected cash {expected_fen}</translation></message><message><source>{business_day} 日结已由 {who} 签认（流水 {seq}）</source><translation>{business_day} signed off by {who} (entry {seq})</translation></message><message><source>“{text}”不是有效日期；请按 YYYY-MM-DD 填写，如 2026-11-23。</source><translation>"{text}" is not a date; write YYYY-MM-DD, such as 2026-11-23.</translation></message><message><source>{customer_no}  {name}  {address}  {phone}  余额 {balance_fen}</source><translation>{customer_no}  {name}  {address}  {phone}  balance {balance_fen}</translation></message><message><source>没有找到与“{query}”相符的用户；请核对户号、电话、姓名或地址。</source><translation>No customer matches "{query}"; check the customer no., phone, name or address.</translation></message><message><source>{who} 的密码：</source><translation>PIN of {who}: </translation></message><message><source>主管 {who} 的密码：</source><translation>PIN of supervisor {who}: </translation></message><message><source>请输入收费员 {who} 的密码（在终端中输入，或设置环境变量 HALLPAY_PIN）。</source><translation>Type the PIN of clerk {who} (at the terminal, or in the HALLPAY_PIN environment variable).</translation></message><message><source>{data_dir} 中有一次未完成的恢复（local.db.restoring），本机数据库不在：终端未启动。请重新运行 python main.py restore --from &lt;备份位置&gt;。</source><translation>{data_dir} holds an unfinished restore (local.db.restoring) and no local database, so the terminal did not start. Run python main.py restore --from &lt;backup location&gt; again.</translation></message><message><source>{data_dir} 中没有本机数据库，只有恢复前留下的 {aside}：为免建出一本空流水，终端未启动。请运行 python main.py restore --from &lt;备份位置&gt;，或请信息部门把 {aside} 改名为 local.db。</source><translation>{data_dir} has no local database, only {aside} kept by a restore; so as not to start an empty journal the terminal did not start. Run python main.py restore --from &lt;backup location&gt;, or have IT rename {aside} to local.db.</translation></message><message><source>{data_dir} 中有流水的日志文件 local.db-wal，却没有数据库 local.db：为免建出一本空流水，终端未启动。请运行 python main.py restore --from &lt;备份位置&gt;，并把 local.db-wal 交信息部门保存。</source><translation>{data_dir} has the journal's log local.db-wal but no local.db; so as not to start an empty journal the terminal did not start. Run python main.py restore --from &lt;backup location&gt; and give local.db-wal to IT.</translation></message><message><source>磁盘已满（{where}），本次操作未完成，已写的文件均完整；请清理磁盘空间后重试。</source><translation>The disk is full ({where}): this command did not finish and every file written is whole. Free some disk space and try again.</translation></message><message><source>磁盘为只读（{where}），本次操作未完成，未写入任何内容；请联系信息部门检查磁盘。</source><translation>The disk is read-only ({where}): this command did not finish and wrote nothing. Ask IT to check the disk.</translation></message><message><source>本机数据库的流水只到第 {head} 笔，而{source}已有本终端第 {seq} 笔：这是一份旧的数据库（如旧磁盘映像），继续使用会重复流水号和收据号，终端未启动。请运行 python main.py restore --from &lt;备份位置&gt; 恢复本机数据后再启动。</source><translation>The local database's journal ends at entry {head} but {source} holds entry {seq} of this terminal: this is an old copy (such as an old disk image) and would repeat entry and receipt numbers, so the terminal did not start. Run python main.py restore --from &lt;backup location&gt;, then start again.</translation></message><message><source>本机数据库第 {seq} 笔流水与{source}记录的不一致：本机数据库不是本终端原来的那一份，终端未启动。请运行 python main.py restore --from &lt;备份位置&gt; 恢复本机数据后再启动。</source><translation>Entry {seq} of the local database differs from what {source} holds: this is not this terminal's own database, so the terminal did not start. Run python main.py restore --from &lt;backup location&gt;, then start again.</translation></message><message><source>请用 --clerk 指定工号。</source><translation>Name the clerk with --clerk.</translation></message><message><source>{who} 的原密码（或一次性密码）：</source><translation>Old PIN (or one-time PIN) of {who}: </translation></message><message><source>{who} 的新密码（6 到 12 位数字）：</source><translation>New PIN of {who} (6 to 12 digits): </translation></message><message><source>再输入一次新密码：</source><translation>The new PIN again: </translation></message><message><source>请输入原密码和新密码（在终端中输入，或设置 HALLPAY_PIN 和 HALLPAY_NEW_PIN）。</source><translation>Type the old and the new PIN (at the terminal, or in HALLPAY_PIN and HALLPAY_NEW_PIN).</translation></message><message><source>两次输入的新密码不一致；密码未修改。</source><translation>The two new PINs differ; the PIN is unchanged.</translation></message><message><source>{who} 的密码已修改</source><translation>The PIN of {who} is changed</translation></message><message><source>--reason 和 --supervisor 只用于总部退补调整；请同时加 --adjust。</source><translation>--reason and --supervisor are for head office's adjustments only; add --adjust too.</translation></message><message><source>找不到{what}文件 {path}；请核对路径和文件名。</source><translation>No {what} file {path}; check the path and name.</translation></message><message><source>{what}文件 {path} 是一个文件夹，不是 CSV 文件；请给出文件的路径。</source><translation>The {what} file {path} is a folder, not a CSV file; give the file's path.</translation></message><message><source>没有权限读取{what}文件 {path}；请检查文件权限。</source><translation>No permission to read the {what} file {path}; check its permissions.</translation></message><message><source>无法读取{what}文件 {path}（{detail}）。</source><translation>Cannot read the {what} file {path} ({detail}).</translation></message><message><source>{what}文件</source><translation>the {what} file</translation></message><message><source>{what}文件 {source} </source><translation>the {what} file {source}</translation></message><message><source>{what}文件第 {line} 行</source><translation>Line {line} of the {what} file</translation></message><message><source>{what}文件 {source} 第 {line} 行</source><translation>Line {line} of the {what} file {source}</translation></message><message><source>{name}是 UTF-16 编码（Excel 的“Unicode 文本”）；请在 Excel 中另存为“CSV UTF-8”或“CSV”。</source><translation>{name} is UTF-16 (Excel's "Unicode text"); save it from Excel as "CSV UTF-8" or "CSV".</translation></message><message><source>{name}第 {line} 行既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；请在 Excel 中另存为“CSV UTF-8”后重新导入。</source><translation>Line {line} of {name} is neither UTF-8 nor GB18030/GBK; save it from Excel as "CSV UTF-8" and import again.</translation></message><message><source>{where}应为表头 {header}，但文件是空的。</source><translation>{where} should be the header {header}, but the file is empty.</translation></message><message><source>{where}无法读取（{detail}）。</source><translation>{where} cannot be read ({detail}).</translation></message><message><source>{where}：表头应为 {header}。</source><translation>{where}: the header should be {header}.</translation></message><message><source>{where}：应有 {wanted} 列，实有 {found} 列。</source><translation>{where}: {wanted} columns expected, {found} found.</translation></message><message><source>{where}起应有数据，但文件只有表头。</source><translation>{where}: data expected, but the file has only the header.</translation></message><message><source>{where}：户号“{value}”应为 4–20 位数字。</source><translation>{where}: customer no. "{value}" should be 4-20 digits.</translation></message><message><source>{where}：{field}不能为空。</source><translation>{where}: the {field} cannot be empty.</translation></message><message><source>{where}：{field}不超过 {limit} 字。</source><translation>{where}: the {field} is at most {limit} characters.</translation></message><message><source>{where}：{field}含有控制字符（如换行、制表符）；请删去后重新导入。</source><translation>{where}: the {field} holds control characters (such as a line break or a tab); remove them and import again.</translation></message><message><source>{where}：户号 {customer_no} 重复。</source><translation>{where}: customer no. {customer_no} appears twice.</translation></message><message><source>{where}：电话“{value}”格式不对（只能有数字、空格和 -，不超过 20 位）。</source><translation>{where}: phone "{value}" is malformed (digits, spaces and - only, at most 20).</translation></message><message><source>{where}：用电类别应为 {choices} 之一。</source><translation>{where}: the category should be one of {choices}.</translation></message><message><source>{where}：prepaid 应为 0 或 1。</source><translation>{where}: prepaid should be 0 or 1.</translation></message><message><source>{where}：风险等级应为 I、II、III 或空。</source><translation>{where}: the risk grade should be I, II, III or empty.</translation></message><message><source>{where}：缴费截止日“{value}”不是有效日期；应为 YYYY-MM-DD，如 2026-12-20。</source><translation>{where}: due date "{value}" is not a date; write YYYY-MM-DD, such as 2026-12-20.</translation></message><message><source>{where}：缴费截止日 {value} 不合理；应在 {earliest} 至 {latest} 之间。</source><translation>{where}: due date {value} is implausible; it should lie between {earliest} and {latest}.</translation></message><message><source>{where}：账期“{value}”应为 YYYY-MM（月份 01–12），如 2026-10。</source><translation>{where}: period "{value}" should be YYYY-MM (month 01-12), such as 2026-10.</translation></message><message><source>{where}：户号 {customer_no} 的账期 {period} 重复。</source><translation>{where}: customer no. {customer_no} has period {period} twice.</translation></message><message><source>{where}：电量“{value}”应为非负整数（半角数字，不超过 9 位）。</source><translation>{where}: kWh "{value}" should be a whole number, 0 or more (at most 9 digits).</translation></message><message><source>{where}：金额 {value} 超过单张账单上限；请核对。</source><translation>{where}: amount {value} is above the limit for one bill; check it.</translation></message><message><source>{where}：金额“{value}”应为元，最多两位小数，如 123.45。</source><translation>{where}: amount "{value}" should be yuan with at most two decimals, such as 123.45.</translation></message><message><source>柜台 {terminal_id} 尚欠此卡第 {purchase_count} 次购电（{amount_fen} 元，票据 {receipt_no}）的写卡；请用户先到 {terminal_id} 插卡办理补写卡，本柜台不能再售电。</source><translation>Counter {terminal_id} still owes this card purchase number {purchase_count} (¥{amount_fen}, receipt {receipt_no}); the customer inserts the card at {terminal_id} first to finish that card write: no purchase can be sold here until then.</translation></message><message><source>付款码“{auth_code}”无效：应为 16–24 位数字；请让客户刷新付款码后重新扫描。</source><translation>The payment code "{auth_code}" is invalid: it has 16-24 digits; ask the customer to refresh it and scan again.</translation></message><message><source>付款码为空：应为 16–24 位数字；请让客户刷新付款码后重新扫描。</source><translation>The payment code is empty: it has 16-24 digits; ask the customer to refresh it and scan again.</translation></message><message><source>付款码以 {prefix} 开头，既不是微信（10–15）也不是支付宝（25–30）的付款码；请核对后重新扫描。</source><translation>A payment code starting with {prefix} is neither WeChat's (10-15) nor Alipay's (25-30); check it and scan again.</translation></message><message><source>本终端未配置{method}收单（config.toml [{section}]）；请改用其他方式，或按交易单号手工登记。</source><translation>This terminal has no {method} acquirer (config.toml [{section}]); use another method, or record the payment by its transaction number.</translation></message><message><source>应收 {amount_fen} 元超过单笔收费上限 {limit_fen} 元；请分笔收取并核对金额。</source><translation>¥{amount_fen} is above the limit of ¥{limit_fen} for one payment; take it in parts and check the amount.</translation></message><message><source>{method}已扣款（交易号 {trade_no}），但本机未能记账：{error} 系统会在下次收费前自动补记，请勿重复收款。</source><translation>{method} took the money (transaction {trade_no}) but this PC could not book it: {error} It is booked automatically before the next payment; do not take the money again.</translation></message><message><source>{method}交易 {trade_no} 已记账；请在收费记录中查看凭证。</source><translation>{method} transaction {trade_no} is booked already; see its receipt in the history.</translation></message><message><source>无法连接{method}收单机构，未收款；请改用其他方式，或客户付款后按交易单号手工登记（--reference，列入待核对）。</source><translation>The {method} acquirer cannot be reached and nothing was taken; use another method, or after the customer pays record it by its transaction number (--reference, to be reconciled).</translation></message><message><source>{method}收款失败：{why}（{detail}）；未收款，账单和余额均未变动。</source><translation>The {method} payment failed: {why} ({detail}); nothing was taken, bills and balance are unchanged.</translation></message><message><source>{method}收款未完成（{why}），交易已撤销；未收款，账单和余额均未变动。</source><translation>The {method} payment did not finish ({why}) and was cancelled; nothing was taken, bills and balance are unchanged.</translation></message><message><source>{method}收款未完成（{why}），交易已撤销，已扣的款项原路退回；未收款，账单和余额均未变动。</source><translation>The {method} payment did not finish ({why}) and was cancelled, the money taken goes back the way it came; nothing was taken, bills and balance are unchanged.</translation></message><message><source>{method}收款结果未知（{why}），撤销也未获确认；本笔未记账，系统会自动查询：客户已付则补记入账，否则撤销。请勿让客户重复付款。</source><translation>The {method} payment's outcome is unknown ({why}) and its cancellation is not confirmed; nothing is booked, the system asks again: if the customer paid it is booked, else cancelled. Do not let the customer pay twice.</translation></message><message><source>收费员取消</source><translation>the clerk cancelled</translation></message><message><source>等待超时</source><translation>the wait timed out</translation></message><message><source>收单机构无应答</source><translation>the acquirer did not answer</translation></message><message><source>{method}收单金额 {taken_fen} 元与应收 {amount_fen} 元不符</source><translation>{method} took ¥{taken_fen}, not the ¥{amount_fen} due</translation></message><message><source>本机不能记账：{error_clause}</source><translation>this PC cannot book it: {error_clause}</translation></message><message><source>客户账户余额不足</source><translation>the customer's account has too little</translation></message><message><source>付款码已失效或已使用，请客户刷新付款码</source><translation>the payment code expired or was used; ask the customer to refresh it</translation></message><message><source>商户订单号重复</source><translation>the merchant order number is used already</translation></message><message><source>交易已关闭</source><translation>the trade is closed</translation></message><message><source>无法连接收单机构</source><translation>the acquirer cannot be reached</translation></message><message><source>收单机构拒绝交易</source><translation>the acquirer refused the trade</translation></message><message><source>{business_day} 的扫码收款对账尚未完成（{wallets}）；请待对账单可取后执行 wallet reconcile --day {business_day}，或加 --wallet-pending 在对账待完成时签认（签认记录会注明）。</source><translation>The wallet reconciliation of {business_day} is pending ({wallets}); run wallet reconcile --day {business_day} once the statement is out, or add --wallet-pending to sign the day off with it pending (the sign-off records it).</translation></message><message><source>{method}退款 {amount_fen} 元结果未知，凭证 {receipt_no} 未冲正；请稍后重试冲正（沿用同一退款单号，不会重复退款）。</source><translation>The {method} refund of ¥{amount_fen} has no known outcome and receipt {receipt_no} is not reversed; try the reversal again later (it keeps the same refund number: nothing is refunded twice).</translation></message><message><source>{method}拒绝退款（{detail}），凭证 {receipt_no} 未冲正；请联系收单机构核实后再办理。</source><translation>{method} refused the refund ({detail}) and receipt {receipt_no} is not reversed; check with the acquirer, then try again.</translation></message><message><source>付款码只能用于微信或支付宝收款（--method wechat|alipay）。</source><translation>A payment code is for WeChat or Alipay only (--method wechat|alipay).</translation></message><message><source>扫付款码收款时不填交易单号：交易单号由收单机构返回。</source><translation>A scanned payment takes no transaction number: the acquirer returns it.</translation></message><message><source>扫码收款不找零，请不要填写实收（--tendered）或零钱转预存。</source><translation>A scanned payment has no change: leave out --tendered and change to balance.</translation></message><message><source>场景 {scenario} 不存在；可选：{choices}。</source><translation>There is no scenario {scenario}; choose one of: {choices}.</translation></message><message><source>日期“{day}”无效；请按 YYYY-MM-DD 填写。</source><translation>The date "{day}" is invalid; write it as YYYY-MM-DD.</translation></message><message><source>未知操作 {action}。</source><translation>Unknown action {action}.</translation></message><message><source>差异已由主管 {supervisor} 签认（流水 {seq}）。</source><translation>Supervisor {supervisor} signed the differences off (journal entry {seq}).</translation></message><message><source>结班时待完成的扫码对账已补记，日报随之更新。</source><translation>The wallet reconciliation left pending at close is recorded; the day report is updated.</translation></message><message><source>扫码收款对账没有差异，无需 --wallet-reason。</source><translation>The wallet reconciliation has no differences: --wallet-reason is not needed.</translation></message><message><source>诚信黑榜文件是空的；第 1 行应为表头：企业名称,统一社会信用代码,季度。</source><translation>The blacklist file is empty; its line 1 is the header: name,credit_code,quarter.</translation></message><message><source>诚信黑榜文件第 1 行应为表头：企业名称,统一社会信用代码,季度（缺少 {missing}）。</source><translation>Line 1 of the blacklist file should be the header name,credit_code,quarter ({missing} is missing).</translation></message><message><source>诚信黑榜文件第 {line} 行：应有 {expected} 列，实为 {got} 列。</source><translation>Line {line} of the blacklist file has {got} columns, not {expected}.</translation></message><message><source>诚信黑榜文件第 {line} 行：企业名称为空。</source><translation>Line {line} of the blacklist file has no company name.</translation></message><message><source>诚信黑榜文件第 {line} 行：统一社会信用代码“{credit_code}”无效（{problem}）。</source><translation>Line {line} of the blacklist file: the credit code "{credit_code}" is invalid ({problem}).</translation></message><message><source>应为 18 位，实为 {got} 位</source><translation>it has {got} characters, not 18</translation></message><message><source>含无效字符“{char}”</source><translation>it holds the invalid character "{char}"</translation></message><message><source>校验位应为 {check}</source><translation>its check character should be {check}</translation></message><message><source>诚信黑榜文件第 {line} 行：季度“{quarter}”无效，应写成如 2026Q3。</source><translation>Line {line} of the blacklist file: the quarter "{quarter}" is invalid; write it as 2026Q3.</translation></message><message><source>诚信黑榜文件第 {line} 行：统一社会信用代码 {credit_code} 在 {quarter} 已出现于第 {first} 行。</source><translation>Line {line} of the blacklist file: credit code {credit_code} in {quarter} is on line {first} already.</translation></message><message><source>无法读取诚信黑榜文件 {path}：{error}。</source><translation>The blacklist file {path} cannot be read: {error}.</translation></message><message><source>诚信黑榜文件 {name} 没有数据行；未导入。</source><translation>The blacklist file {name} has no rows; nothing was imported.</translation></message><message><source>请给出 --customers 或 --bills 文件。</source><translation>Give a --customers or a --bills file.</translation></message><message><source>账单文件第 {line} 行：户号 {customer_no} 不存在。</source><translation>Line {line} of the bill file: there is no customer {customer_no}.</translation></message><message><source>账单文件 {source} 第 {line} 行：户号 {customer_no} 不存在。</source><translation>Bill file {source}, line {line}: there is no customer {customer_no}.</translation></message><message><source>账单文件第 {line} 行：户号 {customer_no} 在总部不存在。</source><translation>Line {line} of the bill file: head office has no customer {customer_no}.</translation></message><message><source>无法读取{what}文件 {path}；请核对路径和文件名。</source><translation>The {what} file {path} cannot be read; check its path and name.</translation></message><message><source>账单调整必须填写原因（--reason）。</source><translation>A bill adjustment needs a reason (--reason).</translation></message><message><source>HALLPAY_NOW“{value}”不是带时区的时间；请按 2026-11-23T10:00:00+08:00 填写。</source><translation>HALLPAY_NOW "{value}" is not a time with a time zone; write it as 2026-11-23T10:00:00+08:00.</translation></message><message><source>请用 --central 指定总部账务中心（如 postgresql+psycopg://hallpay@总部服务器/hallpay），或用 --data-dir 指定内置总账所在的目录。</source><translation>Name head office's ledger with --central (such as postgresql+psycopg://hallpay@server/hallpay), or the built-in ledger's folder with --data-dir.</translation></message><message><source>central {group} 不支持“{action}”；可用：{choices}。</source><translation>central {group} has no "{action}"; it has: {choices}.</translation></message><message><source>central {group} 不支持“{action}”；它没有子命令。</source><translation>central {group} has no "{action}"; it takes no action.</translation></message><message><source>请给出编号：central {group} {action} 编号。</source><translation>Give the number: central {group} {action} NUMBER.</translation></message><message><source>缺少 {option}；请补上后重试。</source><translation>{option} is missing; add it and try again.</translation></message><message><source>未找到总部签名密钥：请先在总部电脑上设置 {env}（总部密钥文件的路径，如 /srv/hallpay/hq.key）再执行；未作任何改动。</source><translation>Head office's signing key is not at hand: set {env} (the path of head office's key file, such as /srv/hallpay/hq.key) on head office's machine and run it again; nothing was changed.</translation></message><message><source>{env} 指向的总部密钥文件 {path} 不存在，而总部账务中心已使用指纹为 {fingerprint} 的密钥；请把 {env} 指向该密钥文件后重试；未作任何改动。</source><translation>{env} names {path}, which does not exist, and head office's ledger already uses the key with fingerprint {fingerprint}; point {env} at that key file and try again; nothing was changed.</translation></message><message><source>{env} 指向的总部密钥（指纹 {fingerprint}）不是总部账务中心使用的密钥（指纹 {published}）；请把 {env} 指向正确的密钥文件后重试；未作任何改动。</source><translation>The head-office key {env} names (fingerprint {fingerprint}) is not the one head office's ledger uses (fingerprint {published}); point {env} at the right key file and try again; nothing was changed.</translation></message><message><source>已创建总部签名密钥 {path}（仅保存在总部；请妥善备份，并在总部各电脑上设置 {env} 指向它）。</source><translation>Head office's signing key was created at {path} (keep it at head office only; back it up, and set {env} to it on head office's machines).</translation></message><message><source>请填写入账理由（--reason）；未作任何改动。</source><translation>Give the reason for posting it (--reason); nothing was changed.</translation></message><message><source>总部隔离区没有流水 {entry_id}；请用 central quarantine 查看隔离的流水。</source><translation>Head office's quarantine holds no entry {entry_id}; list the held entries with central quarantine.</translation></message><message><source>隔离流水 {entry_id} 已于 {posted_at} 由 {posted_by} 入账，不能重复入账。</source><translation>The quarantined entry {entry_id} was posted by {posted_by} at {posted_at}; it cannot be posted twice.</translation></message><message><source>隔离流水 {entry_id}（{kind}）不是收费，不计入用户账户，不能入账；核查后请确认该告警。</source><translation>The quarantined entry {entry_id} ({kind}) is no payment and moves no customer's account, so it cannot be posted; acknowledge the alarm once checked.</translation></message><message><source>隔离流水 {entry_id} 的内容或签名与上传时不符（被改动），不能入账；请信息部门核查。</source><translation>The quarantined entry {entry_id} no longer matches its hash or signature (it was changed), so it cannot be posted; IT must look into it.</translation></message><message><source>流水 {entry_id} 已在总部账中，不能再入账。</source><translation>The entry {entry_id} is in head office's books already; it cannot be posted again.</translation></message><message><source>隔离流水 {entry_id} 已在副本上被冲正（终端 {terminal_id} 副本第 {seq} 笔），不能入账。</source><translation>The quarantined entry {entry_id} was voided on the copy (terminal {terminal_id}'s copy, entry #{seq}), so it cannot be posted.</translation></message><message><source>隔离流水 {entry_id} 刚被他人入账，不能重复入账。</source><translation>Someone else has just posted the quarantined entry {entry_id}; it cannot be posted twice.</translation></message><message><source>{directory} 下没有内置总账 central.db；请用 --central 指定总部账务中心，或 --data-dir 指定终端数据目录。</source><translation>{directory} holds no built-in ledger central.db; name head office's ledger with --central, or a terminal's data folder with --data-dir.</translation></message><message><source>两次输入的密码不一致。</source><translation>The two passwords differ.</translation></message><message><source>{stream} {key} 的 {field}：总部存储 {stored}，按流水重算为 {recomputed}。</source><translation>{stream} {key}, {field}: head office stores {stored}, the journals give {recomputed}.</translation></message><message><source>共 {count} 处与全部流水的重算结果不符：请信息部门核查总部数据库（人工改动、暂不入账的流水）。</source><translation>{count} values differ from the fold of every journal: IT checks head office's database (edits by hand, entries held from the books).</translation></message><message><source>修复须指明用户和理由：central verify-books --repair --customer 用户号 --by 经办人 --reason 理由；未作任何改动。</source><translation>A repair names the customer and the reason: central verify-books --repair --customer NUMBER --by WHO --reason WHY; nothing was changed.</translation></message><message><source>总部已入账 {applied} 笔流水（{batches} 批，账序位置 {position}，新开复核 {cases} 件）；尚待入账 {pending} 笔。</source><translation>Head office folded {applied} entries into the books ({batches} batches, position {position}, {cases} new review cases); {pending} still pending.</translation></message><message><source>没有待入账的流水（账序位置 {position}）。</source><translation>Nothing pending (position {position}).</translation></message><message><source>间隔须为正数秒（--interval）；未作任何改动。</source><translation>The interval is a positive number of seconds (--interval); nothing was changed.</translation></message><message><source>请填写修复理由（--reason）；未作任何改动。</source><translation>Give the reason for the repair (--reason); nothing was changed.</translation></message><message><source>总部没有用户 {customer_no}；未作任何改动。</source><translation>Head office has no customer {customer_no}; nothing was changed.</translation></message><message><source>用户 {customer_no} 的账不能仅凭流水重算证明（{stream} {key} 等 {count} 处：无初始数据、缺行，或流水未记入账序），请信息部门人工核查；未作任何改动。</source><translation>The books of customer {customer_no} cannot be proven by the fold of the journals alone ({stream} {key} and {count} in all: no seed, a missing row, or an entry outside the ledger's order); IT checks by hand; nothing was changed.</translation></message><message><source>用户 {customer_no} 的总部存储值与流水重算一致，也没有暂不入账的流水；未作任何改动。</source><translation>Customer {customer_no}'s stored values equal the fold of the journals and nothing is held; nothing was changed.</translation></message><message><source>已按流水重算修复用户 {customer_no}：改正 {values} 处，放行暂不入账的流水 {released} 笔，新开待查事项 {opened} 件，总部记录第 {seq} 笔（总部签名）。</source><translation>Customer {customer_no} repaired from the fold of the journals: {values} values corrected, {released} held entries released, {opened} review cases opened; head office's record {seq} (signed by head office).</translation></message><message><source>总部的用户余额和账单与全部流水的重算结果一致。</source><translation>Head office's balances and bills equal the fold of every journal.</translation></message><message><source>用户 {key} 的余额：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。</source><translation>Customer {key}'s balance: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>用户 {key} 的用电类别：总部存储 {stored}，按全部流水重算应为 {recomputed}。</source><translation>Customer {key}'s category: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>账单 {key} 的已缴电费：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。</source><translation>Bill {key}'s principal paid: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>账单 {key} 的已缴违约金：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。</source><translation>Bill {key}'s late fee paid: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>账单 {key} 的减免违约金：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。</source><translation>Bill {key}'s late fee waived: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>账单 {key} 的缴费截止日：总部存储 {stored}，按全部流水重算应为 {recomputed}。</source><translation>Bill {key}'s due date: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>账单 {key} 的应缴金额：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。</source><translation>Bill {key}'s amount: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>账单 {key} 的 {field}：总部存储 {stored}，按全部流水重算应为 {recomputed}。</source><translation>Bill {key}, {field}: head office stores {stored}, the fold of the journals gives {recomputed}.</translation></message><message><source>退款单 {key} 的 {field}：总部存储 {stored}，按总部退款指令和终端支付流水应为 {recomputed}。</source><translation>Refund {key}, {field}: head office stores {stored}, head office's order and the counters' pay-outs give {recomputed}.</translation></message><message><source>退款单 {key}（{stored} 元）没有对应的总部退款指令流水。</source><translation>Refund {key} ({stored}) has no refund order in head office's journal.</translation></message><message><source>总部存储的 {stream} {key} 没有初始导入数据可以解释。</source><translation>Head office's stored {stream} {key} is explained by no master data loaded.</translation></message><message><source>按全部流水应有 {stream} {key}，总部存储中却没有这一行。</source><translation>The fold of the journals gives {stream} {key}, but head office stores no such row.</translation></message><message><source>流水 {key}（{kind}）不在总部记账顺序中，无法用重算证明。</source><translation>Entry {key} ({kind}) is outside the ledger's order and cannot be proven by a recompute.</translation></message><message><source>共 {count} 处与全部流水的重算结果不符（重算 {customers} 户、{entries} 笔流水，用时 {seconds} 秒）：请信息部门核查总部数据库。</source><translation>{count} values differ from the fold of the journals ({customers} customers, {entries} entries folded in {seconds} s): IT checks head office's database.</translation></message><message><source>总部存储的余额、账单和退款单与全部流水的重算结果一致（重算 {customers} 户、{entries} 笔流水，用时 {seconds} 秒）。</source><translation>Head office's balances, bills and refunds equal the fold of the journals ({customers} customers, {entries} entries folded in {seconds} s).</translation></message><message><source>central audit 的 --customer 只用于 --recompute；未作任何改动。</source><translation>central audit takes --customer only with --recompute; nothing was changed.</translation></message><message><source>总部留存的终端 {terminal_id} 流水校验未通过（{problem}）：请信息部门核查总部数据库，并在该终端运行 python main.py verify。</source><translation>Head office's copy of terminal {terminal_id}'s journal fails the check ({problem}): IT checks head office's database and runs python main.py verify on that terminal.</translation></message><message><source>{count} 条流水链共 {entries} 笔全部核验完好（哈希链、内容哈希、签名）。</source><translation>All {count} chains, {entries} entries, verified intact (chain, content hash, signatures).</translation></message><message><source>找不到 {tool}：请安装 PostgreSQL 客户端（与总部数据库同一大版本），或用 HALLPAY_PG_BIN 指定其目录。</source><translation>{tool} was not found: install PostgreSQL's client programs (the server's major version), or name their folder with HALLPAY_PG_BIN.</translation></message><message><source>备份只用于总部的 PostgreSQL；内置总账 central.db 随终端数据目录一起备份。</source><translation>Backups are for head office's PostgreSQL; the built-in central.db is backed up with the terminal's data folder.</translation></message><message><source>{tool} 失败：{detail}</source><translation>{tool} failed: {detail}</translation></message><message><source>已备份总部账务中心到 {path}（{size} 字节）；请用 central restore-check 验证它能恢复。</source><translation>Head office's ledger backed up to {path} ({size} bytes); prove it restores with central restore-check.</translation></message><message><source>备份 {path} 已恢复到临时数据库 {database}：{entries} 笔流水，{chains} 条流水链。</source><translation>The backup {path} restored into the scratch database {database}: {entries} journal entries, {chains} chains.</translation></message><message><source>备份文件 {path} 不存在。</source><translation>The backup file {path} does not exist.</translation></message><message><source>请用 --to 指定备份文件。</source><translation>Name the backup file with --to.</translation></message><message><source>请指定要验证的备份文件：central restore-check 文件 --central URL。</source><translation>Name the backup file to check: central restore-check FILE --central URL.</translation></message><message><source>恢复的副本：{problem}</source><translation>The restored copy: {problem}</translation></message><message><source>恢复演练通过：流水链完好，余额和账单与全部流水的重算一致。</source><translation>The restore drill passed: every chain intact, balances and bills equal the fold of every journal.</translation></message><message><source>恢复演练未通过：{count} 处问题（见上）。这份备份不能作为可靠的恢复点。</source><translation>The restore drill failed: {count} problems (above). This backup is not a trustworthy restore point.</translation></message><message><source>{clerk_id} 的第 {issue} 个一次性密码在两台终端上都被用来设置了新密码（{first}；{second}）：见过密码条的人可能冒用了该人员，请核实后为其重新下发一次性密码（central clerk reset-pin {clerk_id}）。</source><translation>{clerk_id}'s one-time PIN number {issue} was used to set a new PIN at two terminals ({first}; {second}): someone who saw the slip may have taken the clerk over; check, then issue a new one-time PIN (central clerk reset-pin {clerk_id}).</translation></message><message><source>各人员的密码已随总部数据恢复（旧电脑上改过但未同步的密码除外：该人员用改之前的密码登录）。</source><translation>The clerks' PINs came back with head office's data (except a PIN changed on the old PC and never synced: that clerk signs in with the PIN from before).</translation></message><message><source>本机密钥 {fingerprint} 已登记，待总部认证：总部下次执行任何 central 命令（如 central terminals）时自动认证；在此之前本机收费照常，流水暂存本机，同步时会说明原因。</source><translation>This PC's key {fingerprint} is registered and waits for head office's certificate: head office's next central command (such as central terminals) certifies it; until then payments go on and the entries wait on this PC, and a sync says why.</translation></message><message><source>{what}“{value}”无效：须为 1 到 16 位字母、数字、- 或 _。</source><translation>The {what} "{value}" is invalid: 1 to 16 letters, digits, - or _.</translation></message><message><source>{what}不能为空，且不超过 60 个字。</source><translation>The {what} must not be empty, nor longer than 60 characters.</translation></message><message><source>角色须为 clerk（收费员）、supervisor（主管）或 admin（系统管理员）。</source><translation>The role is clerk, supervisor or admin.</translation></message><message><source>请用 --central 指定总部账务中心的地址（如 postgresql+psycopg://hallpay@总部服务器/hallpay）。</source><translation>Name head office's ledger with --central (such as postgresql+psycopg://hallpay@server/hallpay).</translation></message><message><source>数据目录 {data_dir} 不是空的；开通或恢复终端需要一个空目录（用 --data-dir 指定新目录）。</source><translation>The data folder {data_dir} is not empty; setting up or restoring a terminal needs an empty one (name a new folder with --data-dir).</translation></message><message><source>培训终端不需要恢复：它的流水从不上传总部；请重新开通一台培训终端。</source><translation>A training terminal is never restored: its journal never goes to head office; set up a new one.</translation></message><message><source>{data_dir} 不是终端的数据目录；请用 --data-dir 指定。</source><translation>{data_dir} is not a terminal's data folder; name it with --data-dir.</translation></message><message><source>已开通终端 {terminal_id}（{hall_name}{training}）：人员 {clerks} 名，用户 {customers} 户</source><translation>Terminal {terminal_id} is set up ({hall_name}{training}): {clerks} clerks, {customers} customers</translation></message><message><source>已恢复终端 {terminal_id}（{hall_name}{training}）：人员 {clerks} 名，用户 {customers} 户，流水 {entries} 笔，凭证 {receipts} 张</source><translation>Terminal {terminal_id} is restored ({hall_name}{training}): {clerks} clerks, {customers} customers, {entries} journal entries, {receipts} receipts</translation></message><message><source>，培训模式</source><translation>, training mode</translation></message><message><source>本机密钥指纹 {fingerprint}</source><translation>This PC's key fingerprint: {fingerprint}</translation></message><message><source>本机新密钥 {fingerprint} 待总部批准后才能上传流水：central terminal approve {terminal_id} --fingerprint {fingerprint}</source><translation>This PC's new key {fingerprint} uploads entries once head office approves it: central terminal approve {terminal_id} --fingerprint {fingerprint}</translation></message><message><source>未设置备份位置：请尽快在 config.toml 的 [backup] path 中填写 U 盘或网络共享。</source><translation>No backup location: set a USB disk or a network share as [backup] path in config.toml soon.</translation></message><message><source>终端 {terminal_id} 已换用新密钥 {fingerprint}（自第 {from_seq} 笔流水起；旧密钥 {old_fingerprint} 签的流水仍可核验）{pending}</source><translation>Terminal {terminal_id} now signs with the new key {fingerprint} (from entry {from_seq} on; entries signed with the old key {old_fingerprint} stay verifiable){pending}</translation></message><message><source>，待总部批准</source><translation>, waiting for head office's approval</translation></message><message><source>只有正式终端需要更换密钥；演示和培训终端的流水不进入总部账务。</source><translation>Only a live terminal changes its key; a demo or training terminal's journal never reaches head office.</translation></message><message><source>本总账的入账方式为 {mode}{since}；尚待入账 {pending} 笔。</source><translation>This ledger's projector mode is {mode}{since}; {pending} entries pending.</translation></message><message><source>（{by} 于 {at} 设定）</source><translation> (set by {by} at {at})</translation></message><message><source>本总账的入账方式已由 {before} 改为 {after}{folded}：各柜台下次上传起按此执行，不论其 config.toml 如何设置。</source><translation>This ledger's projector mode is now {after} (was {before}){folded}: every counter follows it from its next push, whatever its config.toml says.</translation></message><message><source>；改前总部已先入账待入账的 {applied} 笔</source><translation>; head office first folded the {applied} pending entries</translation></message><message><source>本总账的入账方式已是 {mode}；未作任何改动。</source><translation>This ledger's projector mode is already {mode}; nothing was changed.</translation></message><message><source>已为 {count} 户开立数据被改动的复核事项（{customers}）：这些用户此后的流水暂不入账，直至修复。</source><translation>A review case of edited rows is open for {count} customers ({customers}): their later entries are held from the books until they are repaired.</translation></message><message><source>{customer_no}  {name}  {grade:3}  {bills} 期  {owed}  逾期 {days} 天  {state}</source><translation>{customer_no}  {name}  {grade:3}  {bills} bills  {owed}  {days} days overdue  {state}</translation></message><message><source>合计 {customers} 户，欠费本金 {owed_fen} 元</source><translation>Total {customers} customers, principal owed ¥{owed_fen}</translation></message><message><source>主管密码：</source><translation>Supervisor PIN: </translation></message><message><source>没有“{method}”这种支付方式；请用 {methods} 之一。</source><translation>There is no payment method '{method}'; use one of {methods}.</translation></message><message><source>{notice_id}  {customer_no}  {state}  停电最早 {stop_from}</source><translation>{notice_id}  {customer_no}  {state}  stop from {stop_from}</translation></message><message><source>{receipt_no}  {customer_no} {name}  购电 {amount_fen}  第 {count} 次  {card_state}</source><translation>{receipt_no}  {customer_no} {name}  purchase {amount_fen}  number {count}  {card_state}</translation></message><message><source>已写卡</source><translation>card written</translation></message><message><source>待写卡</source><translation>card write pending</translation></message><message><source>补写卡完成：{receipts}</source><translation>Card rewritten: {receipts}</translation></message><message><source>该卡没有待补写的购电。</source><translation>The card has no purchase left to write.</translation></message><message><source>补卡 {serial}：作废 {retired}，卡内第 {count} 次购电，工本费 {fee}，{card_state}</source><translation>Replacement card {serial}: voided {retired}, purchase number {count} on the card, card fee {fee}, {card_state}</translation></message><message><source>已恢复终端 {terminal_id}：流水 {head_seq} 笔（备份 {backup_seq} 笔，总部补回 {from_central} 笔），收据 {receipts} 张，校验通过</source><translation>Terminal {terminal_id} restored: {head_seq} journal entries ({backup_seq} from the backup, {from_central} from head office), {receipts} receipts, all checked</translation></message><message><source>没有版本号</source><translation> has no version</translation></message><message><source>是旧版本（版本 {version}，本机已同步到版本 {cursor}），疑为重放的旧数据</source><translation> is an old version (version {version}, this PC holds version {cursor}): likely old data replayed</translation></message><message><source>记录不完整</source><translation> is incomplete</translation></message><message><source>不是总部的记录</source><translation> is not head office's record</translation></message><message><source>是已核对过的旧记录（本机已核对到第 {seq} 笔），疑为重放</source><translation> was checked already (this PC checked up to entry {seq}): likely a replay</translation></message><message><source>没有接在本机已核对的第 {seq} 笔之后（缺号或链条断开）</source><translation> does not follow entry {seq} checked here (a gap or a broken chain)</translation></message><message><source>内容与其哈希不符（被改动）</source><translation> does not match its hash (altered)</translation></message><message><source>没有总部签名</source><translation> is not signed by head office</translation></message><message><source>签名者 {signer} 不是总部认可的写入方</source><translation> is signed by {signer}, not a writer head office recognises</translation></message><message><source>签名校验不通过（签名后被改动）</source><translation> fails its signature check (altered after signing)</translation></message><message><source>政策参数 {key}</source><translation>policy value {key}</translation></message><message><source>用户 {key}</source><translation>customer {key}</translation></message><message><source>账单 {key}</source><translation>bill {key}</translation></message><message><source>收费员 {key}</source><translation>clerk {key}</translation></message><message><source>退款单 {key}</source><translation>refund {key}</translation></message><message><source>总部下发的{subject}{why}：本次下发的数据全部拒收，本机数据未改动；请信息部门核查总部账务中心的数据是否被改动。</source><translation>Head office's {subject}{why}: everything head office sent this time is refused and nothing here changed; IT checks whether head office's data was altered.</translation></message><message><source>总部下发的{subject}{why}（共 {count} 条如此）：本次下发的数据全部拒收，本机数据未改动；请信息部门核查总部账务中心的数据是否被改动。</source><translation>Head office's {subject}{why} ({count} like it): everything head office sent this time is refused and nothing here changed; IT checks whether head office's data was altered.</translation></message><message><source>总部下发的{subject}等 {count} 条数据由终端 {signer} 写入，而它的密钥尚未经总部认证（开通步骤未完成，不是数据被改动）：本次下发的数据暂不接收，本机数据未改动；请总部执行 central terminal approve {signer}。</source><translation>Head office's {subject} and {count} rows in all were written by terminal {signer}, whose key head office has not certified yet (a set-up step left undone, not altered data): this pull is not taken and nothing here changed; head office runs central terminal approve {signer}.</translation></message><message><source>总部账务中心第 {seq} 笔总部记录（{kind}）{why}：本次下发的数据全部拒收，本机数据未改动；请信息部门核查总部账务中心的记录是否被改动。</source><translation>Head office's entry {seq} ({kind}){why}: everything head office sent this time is refused and nothing here changed; IT checks whether head office's records were altered.</translation></message><message><source>{field} {old} → {new}</source><translation>{field} {old} → {new}</translation></message><message><source>总部下发的账单 {bill_id}（{period}）与本机不同（{changes}）{more_clause}，却没有说明这一改动的退补调整记录（或记录与之不符）：本次下发的数据全部拒收，本机账单未改动；请信息部门核查总部账务中心的账单是否被改动。</source><translation>Head office's bill {bill_id} ({period}) differs from this PC's ({changes}){more_clause} without an adjustment that explains it (or one that does not match): everything head office sent this time is refused and no bill here changed; IT checks whether head office's bills were altered.</translation></message><message><source>（共 {count} 张账单如此）</source><translation> ({count} bills like it)</translation></message><message><source>总部账务中心的公钥与本机首次同步时记录的不同：本次下发的数据全部拒收，本机数据未改动；请信息部门核查是否连到了别的账务中心或总部密钥被更换。</source><translation>Head office's public key differs from the one this PC recorded at its first sync: everything head office sent this time is refused and nothing here changed; IT checks whether this PC reached another ledger or head office's key was replaced.</translation></message><message><source>{applied} · {head} · 待上传 {pending} 笔 · {last}</source><translation>{applied} · {head} · {pending} to upload · {last}</translation></message><message><source>总部已入账至本机第 {applied} 笔，待入账 {awaiting} 笔（最早 {since}）</source><translation>head office applied this PC up to No. {applied}, {awaiting} to apply (the oldest from {since})</translation></message><message><source>总部尚有其他柜台 {count} 笔业务待入账（最早 {since}），所示欠费与余额未含这些业务</source><translation>head office has not yet applied {count} entries of other counters (the oldest from {since}): the bills and balances shown do not include them</translation></message><message><source>{mine}；{others}</source><translation>{mine}; {others}</translation></message><message><source>柜台 {terminals} 有该户 {count} 笔业务总部尚未入账（最早 {since}）：欠费与余额可能已变，收款前请核实</source><translation>counter {terminals} has {count} entries for this customer head office has not applied yet (the oldest from {since}): the bills and balance may have changed; check before taking money</translation></message><message><source>用户名须为 1–32 个字符。</source><translation>A user name has 1 to 32 characters.</translation></message><message><source>角色须为 {roles} 之一。</source><translation>The role is one of {roles}.</translation></message><message><source>密码至少 {minimum} 个字符。</source><translation>A password has at least {minimum} characters.</translation></message><message><source>密码不能含控制字符（如空字符）。</source><translation>A password holds no control character (such as NUL).</translation></message><message><source>用户 {name} 已存在。</source><translation>The user {name} exists already.</translation></message><message><source>没有用户 {name}。</source><translation>There is no user {name}.</translation></message><message><source>已新增用户 {name}（{role}）</source><translation>User {name} added ({role})</translation></message><message><source>已停用用户 {name}，结束其 {sessions} 个会话。</source><translation>User {name} disabled; {sessions} session(s) ended.</translation></message><message><source>已启用用户 {name}。</source><translation>User {name} enabled.</translation></message><message><source>{name}	{role}	{state}	会话 {sessions}	{created_at}</source><translation>{name}	{role}	{state}	{sessions} sessions	{created_at}</translation></message><message><source>停用</source><translation>disabled</translation></message><message><source>启用</source><translation>enabled</translation></message><message><source>{action} 需要用户名</source><translation>{action} needs a user name</translation></message><message><source>add 需要 --role</source><translation>add needs --role</translation></message><message><source>{name} 的密码：</source><translation>{name}'s password: </translation></message><message><source>再输入一次：</source><translation>Once more: </translation></message><message><source>总部管理台：{url}（{ledger}；waitress，{threads} 线程）</source><translation>Head-office console: {url} ({ledger}; waitress, {threads} threads)</translation></message><message><source>内置总账（central.db）</source><translation>the embedded ledger (central.db)</translation></message><message><source>总部账务中心（PostgreSQL）</source><translation>head office's ledger (PostgreSQL)</translation></message><message><source>已为 {name} 设置新密码，结束其 {sessions} 个会话。</source><translation>New password set for {name}; {sessions} session(s) ended.</translation></message><message><source>管理台密钥文件 {path} 的权限过宽（{mode}），其他用户可以读取；请执行 chmod 600 后重试。</source><translation>The console's key file {path} is readable by others ({mode}); run chmod 600 on it and try again.</translation></message><message><source>管理台密钥文件 {path} 内容不对（应为 32 字节以上）；请删除它后重启（所有人须重新登录）。</source><translation>The console's key file {path} is damaged (32 bytes or more expected); delete it and restart (everyone logs in again).</translation></message><message><source>总部 PostgreSQL 的管理台密钥放在总部密钥旁：请设置 HALLPAY_HQ_KEY（如 /etc/hallpay/hq.key），或用 --secret-file 指定。</source><translation>On head office's PostgreSQL the console's key lies beside head office's key: set HALLPAY_HQ_KEY (such as /etc/hallpay/hq.key) or name it with --secret-file.</translation></message><message><source>检查通过：可以用于生产。</source><translation>Checked: fit for production.</translation></message><message><source>检查未通过：{count} 项不安全的设置，生产模式拒绝启动。</source><translation>Check failed: {count} unsafe setting(s); production mode refuses to start.</translation></message><message><source>总账是内置的 central.db（演示用）；生产请用 --central 指定总部 PostgreSQL。</source><translation>The ledger is the built-in central.db (for demos); production names head office's PostgreSQL with --central.</translation></message><message><source>本进程没有总部密钥：退款等决定写出的行未经签名，所有柜台都会拒收；请设置 HALLPAY_HQ_KEY。</source><translation>This process has no head-office key: the rows a decision writes (refunds) are unsigned and every counter refuses them; set HALLPAY_HQ_KEY.</translation></message><message><source>未设置可信代理（--proxies 0）：生产中管理台须在 nginx 等 TLS 代理之后，Cookie 才会加 Secure、限流才按真实来源地址计数。</source><translation>No trusted proxy (--proxies 0): in production the console sits behind a TLS proxy such as nginx, so that the cookie is Secure and the throttle counts real source addresses.</translation></message><message><source>监听地址 {host} 不是本机回环地址：请只监听 127.0.0.1，由代理对外。</source><translation>Listening on {host}, not loopback: listen on 127.0.0.1 only and let the proxy face the network.</translation></message><message><source>还没有管理台用户：请先执行 console user add。</source><translation>There is no console user yet: run console user add first.</translation></message><message><source>共 {total} · 第 {page} / {last} 页</source><translation>Total {total} · page {page} / {last}</translation></message><message><source>总部管理台</source><translation>Head-office console</translation></message><message><source>总部</source><translation>Head office</translation></message><message><source>账目核对</source><translation>Books audit</translation></message><message><source>总部存储的余额、账单和退款单与全部流水重算结果的对比。全部账目：python main.py central audit --recompute（每晚运行）。</source><translation>Head office's stored balances, bills and refunds against the fold of every journal. The whole ledger: python main.py central audit --recompute (nightly).</translation></message><message><source>请填写户号：本页重算一位用户，全部账目请在总部服务器运行 python main.py central audit --recompute。</source><translation>Enter a customer number: this page recomputes one customer; for the whole ledger run python main.py central audit --recompute on head office's server.</translation></message><message><source>重算此用户</source><translation>Recompute this customer</translation></message><message><source>最近一次核对</source><translation>Last audit</translation></message><message><source>全部用户</source><translation>All customers</translation></message><message><source>重算 {customers} 户、{entries} 笔流水</source><translation>folded {customers} customers, {entries} entries</translation></message><message><source>一致</source><translation>Equal</translation></message><message><source>{count} 处不符</source><translation>{count} differences</translation></message><message><source>不符之处</source><translation>Difference</translation></message><message><source>只列出前 {shown} 处；全部请运行命令。</source><translation>Only the first {shown} are listed; run the command for all.</translation></message><message><source>尚未核对过。</source><translation>No audit yet.</translation></message><message><source>登录</source><translation>login</translation></message><message><source>退出</source><translation>Log out</translation></message><message><source>用户名</source><translation>User name</translation></message><message><source>密码</source><translation>PIN</translation></message><message><source>用户名或密码不对。</source><translation>Wrong user name or password.</translation></message><message><source>尝试次数过多，请稍后再试，解除时间 {until}</source><translation>Too many tries; try again after {until}</translation></message><message><source>请求有误。</source><translation>The request is not valid.</translation></message><message><source>没有这一页。</source><translation>There is no such page.</translation></message><message><source>在终端页校验</source><translation>Checked on the terminals page</translation></message><message><source>本账单实缴</source><translation>Paid on this bill</translation></message><message><source>整笔收款</source><translation>Whole receipt</translation></message><message><source>造成多收</source><translation>caused the surplus</translation></message><message><source>户号</source><translation>Customer no.</translation></message><message><source>查找</source><translation>Find</translation></message><message><source>全部</source><translation>All</translation></message><message><source>上一页</source><translation>Previous</translation></message><message><source>下一页</source><translation>Next</translation></message><message><source>此页不接受这种请求。</source><translation>This page does not take that kind of request.</translation></message><message><source>概览</source><translation>Overview</translation></message><message><source>待查事项</source><translation>Review cases</translation></message><message><source>告警</source><translation>Alarms</translation></message><message><source>终端</source><translation>Terminals</translation></message><message><source>日报</source><translation>Day report</translation></message><message><source>收费员月报</source><translation>Clerks by month</translation></message><message><source>欠费分析</source><translation>Arrears</translation></message><message><source>已处理</source><translation>Resolved</translation></message><message><source>用户</source><translation>customer</translation></message><message><source>账单</source><translation>bill</translation></message><message><source>缴费记录</source><translation>Payments</translation></message><message><source>金额</source><translation>amount</translation></message><message><source>多收</source><translation>Surplus</translation></message><message><source>其中违约金</source><translation>of which late fee</translation></message><message><source>处理</source><translation>Decide</translation></message><message><source>理由</source><translation>Reason</translation></message><message><source>转预存</source><translation>Keep as credit</translation></message><message><source>退款</source><translation>Refund</translation></message><message><source>确认已处理</source><translation>Acknowledge</translation></message><message><source>类型</source><translation>Kind</translation></message><message><source>说明</source><translation>Detail</translation></message><message><source>处理办法</source><translation>Way out</translation></message><message><source>营业厅</source><translation>Hall</translation></message><message><source>最后同步</source><translation>Last sync</translation></message><message><source>已确认流水号</source><translation>Acknowledged seq</translation></message><message><source>流水笔数</source><translation>Journal length</translation></message><message><source>待上传</source><translation>Entries waiting</translation></message><message><source>校验</source><translation>Verification</translation></message><message><source>完好</source><translation>intact</translation></message><message><source>现金</source><translation>Cash</translation></message><message><source>银行卡</source><translation>Bank card</translation></message><message><source>微信</source><translation>WeChat</translation></message><message><source>支付宝</source><translation>Alipay</translation></message><message><source>云闪付</source><translation>UnionPay</translation></message><message><source>支票</source><translation>Cheque</translation></message><message><source>核验中</source><translation>checking</translation></message><message><source>从未</source><translation>never</translation></message><message><source>已核至</source><translation>checked through</translation></message><message><source>全面核验</source><translation>Whole check</translation></message><message><source>本页只核验上次核验之后新到的流水；已核验流水在数据库里被改动，由每晚的全面核验（python main.py central verify）发现。</source><translation>This page verifies only the entries that arrived since the last check; an edit in the database to entries already checked is found by the nightly whole check (python main.py central verify).</translation></message><message><source>隔离</source><translation>Quarantined</translation></message><message><source>未处理告警</source><translation>Open alarms</translation></message><message><source>日期</source><translation>Day</translation></message><message><source>查询</source><translation>Show</translation></message><message><source>下载 PDF</source><translation>Download PDF</translation></message><message><source>收费员</source><translation>Clerk</translation></message><message><source>笔数</source><translation>Payments</translation></message><message><source>实收</source><translation>Tendered</translation></message><message><source>违约金</source><translation>Late fees</translation></message><message><source>减免</source><translation>Waivers</translation></message><message><source>冲正</source><translation>reversal</translation></message><message><source>月份</source><translation>Month</translation></message><message><source>风险等级</source><translation>Risk grade</translation></message><message><source>账龄（天）</source><translation>Age (days)</translation></message><message><source>合计</source><translation>Total</translation></message><message><source>处理人</source><translation>Decided by</translation></message><message><source>处理时间</source><translation>Decided at</translation></message><message><source>结果</source><translation>Decision</translation></message><message><source>退款状态</source><translation>Refund</translation></message><message><source>待柜台支付</source><translation>to be paid at the counter</translation></message><message><source>已支付</source><translation>paid out</translation></message><message><source>没有待查事项。</source><translation>No open cases.</translation></message><message><source>没有告警。</source><translation>No alarms.</translation></message><message><source>已保存。</source><translation>Saved.</translation></message><message><source>无权查看此页。</source><translation>You may not open this page.</translation></message><message><source>表单已过期，请重新提交。</source><translation>The form expired; please send it again.</translation></message><message><source>收据数</source><translation>Receipts</translation></message><message><source>按方式</source><translation>By method</translation></message><message><source>冲正笔数</source><translation>Reversals</translation></message><message><source>减免金额</source><translation>Waived</translation></message><message><source>现金应存</source><translation>Expected cash</translation></message><message><source>角色</source><translation>Role</translation></message><message><source>待上传 = 柜台同步时报告的本机最后流水号 − 已确认流水号；只作显示，不用于账务。</source><translation>Entries waiting = the last sequence number the counter reported when it synced − the acknowledged sequence; shown only, never used for money.</translation></message><message><source>终端尚未报告过本机流水号。</source><translation>the terminal has never reported its journal head.</translation></message><message><source>截至</source><translation>as of</translation></message><message><source>终端报告的流水号</source><translation>The terminal reports journal head</translation></message><message><source>低于已确认流水号：磁盘可能被还原或复制</source><translation>below the acknowledged sequence: a restored or copied disk?</translation></message><message><source>隔离流水</source><translation>quarantined entries</translation></message><message><source>收据号重号</source><translation>Receipt numbers issued twice</translation></message><message><source>副本与本终端各开出一张</source><translation>one by the copy, one by the terminal itself</translation></message><message><source>副本流水</source><translation>Entry of the copy</translation></message><message><source>收据号</source><translation>Receipt no.</translation></message><message><source>重号</source><translation>same number</translation></message><message><source>本终端</source><translation>the terminal</translation></message><message><source>已入账</source><translation>Posted</translation></message><message><source>入账</source><translation>Post to the books</translation></message><message><source>待入账</source><translation>Waiting to be posted</translation></message><message><source>不入账</source><translation>Not for the books</translation></message><message><source>流水</source><translation>Entry</translation></message><message><source>时间</source><translation>Time</translation></message><message><source>未知</source><translation>unknown</translation></message><message><source>欠费金额（元）按账龄与风险等级</source><translation>Arrears (yuan) by age and risk grade</translation></message><message><source>财务</source><translation>finance</translation></message><message><source>信息部门</source><translation>IT</translation></message><message><source>经理</source><translation>manager</translation></message><message><source>冲正金额</source><translation>Reversed</translation></message><message><source>开通管理</source><translation>Provisioning</translation></message><message><source>一次性密码</source><translation>One-time PIN</translation></message><message><source>只显示这一次；首次登录须改密码。</source><translation>shown this once; the clerk changes it at the first login.</translation></message><message><source>编号</source><translation>Id</translation></message><message><source>名称</source><translation>Name</translation></message><message><source>创建时间</source><translation>Created</translation></message><message><source>新建营业厅</source><translation>Add hall</translation></message><message><source>批准</source><translation>Approve</translation></message><message><source>已批准</source><translation>approved</translation></message><message><source>待批准</source><translation>pending</translation></message><message><source>密钥（指纹 · 状态 · 起始流水号 · 登记时间）</source><translation>Keys (fingerprint · state · first entry · registered)</translation></message><message><source>密钥未经总部认证</source><translation>key not certified by head office</translation></message><message><source>使用中</source><translation>active</translation></message><message><source>已更换</source><translation>superseded</translation></message><message><source>已停用</source><translation>deactivated</translation></message><message><source>批准此密钥</source><translation>Approve this key</translation></message><message><source>停用此密钥（电脑丢失）</source><translation>Retire this key (PC lost)</translation></message><message><source>尚未登记密钥</source><translation>no key registered yet</translation></message><message><source>登记终端</source><translation>Add terminal</translation></message><message><source>每台终端的最后同步、流水笔数和校验见“终端”页。</source><translation>Each terminal's last sync, journal length and verification are on the Terminals page.</translation></message><message><source>工号</source><translation>ID</translation></message><message><source>姓名</source><translation>name</translation></message><message><source>状态</source><translation>State</translation></message><message><source>一次性密码次数</source><translation>One-time PINs issued</translation></message><message><source>在用</source><translation>active</translation></message><message><source>发一次性密码</source><translation>Issue one-time PIN</translation></message><message><source>主管</source><translation>Supervisor</translation></message><message><source>系统管理员</source><translation>Administrator</translation></message><message><source>添加收费员</source><translation>Add clerk</translation></message><message><source>操作记录</source><translation>Audit trail</translation></message><message><source>操作</source><translation>Action</translation></message><message><source>对象</source><translation>Subject</translation></message><message><source>责任区域</source><translation>Areas held</translation></message><message><source>收回欠费</source><translation>Arrears recovered</translation></message><message><source>所辖欠费</source><translation>Arrears held</translation></message><message><source>回收率</source><translation>Recovery</translation></message><message><source>区域</source><translation>Area</translation></message><message><source>指定责任收费员</source><translation>Assign the responsible clerk</translation></message><message><source>回收率 = 本月收回的逾期电费本金 ÷（收回 + 责任区域用户现欠的逾期本金）；收回按用户所在区域计，不论在哪个柜台缴费。</source><translation>Collection rate = overdue principal recovered this month / (recovered + overdue principal the customers of the clerk's areas owe now); recovered counts by the customer's area, whichever counter took the money.</translation></message><message><source>重复缴费</source><translation>Double payment</translation></message><message><source>未知账单</source><translation>Unknown bill</translation></message><message><source>终端分叉</source><translation>Terminal fork</translation></message><message><source>哈希链断开</source><translation>Chain broken</translation></message><message><source>流水被改动</source><translation>Entry altered</translation></message><message><source>签名不符</source><translation>Signature mismatch</translation></message><message><source>流水缺号</source><translation>Sequence gap</translation></message><message><source>内容不符</source><translation>Content mismatch</translation></message><message><source>他机流水</source><translation>Another machine's entry</translation></message><message><source>总部记录被改动</source><translation>Head office record altered</translation></message><message><source>预存透支</source><translation>Balance overdrawn</translation></message><message><source>未知户号</source><translation>Unknown customer</translation></message><message><source>账单已被总部调减</source><translation>Bill reduced by head office</translation></message><message><source>退款重复支付</source><translation>Refund paid twice</translation></message><message><source>未知退款单</source><translation>Unknown refund</translation></message><message><source>退款金额不符</source><translation>Refund paid differs</translation></message><message><source>退款待柜台支付</source><translation>Refunds to pay at a counter</translation></message><message><source>请先登录。</source><translation>Log in first.</translation></message><message><source>总部账务中心暂时没有应答（网络中断或正忙）；未做任何改动，请稍后再试。</source><translation>Head office's ledger does not answer just now (the network is down or it is busy); nothing was changed; try again shortly.</translation></message><message><source>已入账至</source><translation>Applied up to</translation></message><message><source>待总部入账</source><translation>Awaiting the books</translation></message><message><source>最早 {at}</source><translation>oldest {at}</translation></message><message><source>已等 {minutes} 分 {seconds} 秒</source><translation>waited {minutes} min {seconds} s</translation></message><message><source>已入账至：总部账务已计入该终端的最后一笔流水；待总部入账：已确认收到、尚未计入账单与余额的笔数（账务服务处理中），其最早一笔在柜台收取的时间和已等待的时长。</source><translation>Applied up to: the terminal's last entry head office's books hold; awaiting the books: entries acknowledged and not yet applied to bills and balances (the projector is behind), when the counter took the oldest of them and how long it has waited.</translation></message><message><source>户号 {customer_no} 不在总部档案中，终端 {terminal_id} 第 {seq} 笔收取 {amount_fen} 元暂挂待查。</source><translation>Head office has no customer {customer_no}: the ¥{amount_fen} taken by entry {seq} of terminal {terminal_id} is parked for review.</translation></message><message><source>户号 {customer_no} 不在总部档案中，终端 {terminal_id} 第 {seq} 笔退补调整使其预存变动 {delta_fen} 元，暂挂待查。</source><translation>Head office has no customer {customer_no}: the adjustment of entry {seq} of terminal {terminal_id} moves its balance by ¥{delta_fen}, parked for review.</translation></message><message><source>终端 {terminal_id} 第 {seq} 笔冲正了暂挂待查的收费（户号 {customer_no}），退还 {refund_fen} 元；暂挂金额相应冲减，请核查。</source><translation>Entry {seq} of terminal {terminal_id} reversed a parked payment (customer {customer_no}) and gave back ¥{refund_fen}; the parked amount is reduced by it. Please check.</translation></message><message><source>户号 {customer_no} 不在总部档案中，终端 {terminal_id} 第 {seq} 笔使其预存变动 {delta_fen} 元，暂挂待查。</source><translation>Head office has no customer {customer_no}: entry {seq} of terminal {terminal_id} moves its balance by ¥{delta_fen}, parked for review.</translation></message><message><source>账单 {bill_id} 不在总部档案中；终端 {terminal_id} 第 {seq} 笔对其收取的 {amount_fen} 元已转入用户 {customer_no} 预存，请核查。</source><translation>Head office has no bill {bill_id}: the ¥{amount_fen} entry {seq} of terminal {terminal_id} took for it went to customer {customer_no}'s balance. Please check.</translation></message><message><source>账单 {bill_id}（{period}）在总部已结清（其他终端收取或总部冲抵），终端 {terminal_id} 第 {seq} 笔又以预存冲抵 {amount_fen} 元；总部未重复冲抵，该 {amount_fen} 元仍是用户 {customer_no} 的预存。</source><translation>Bill {bill_id} ({period}) was already settled at head office (another terminal, or head office's offset), and entry {seq} of terminal {terminal_id} offset ¥{amount_fen} of balance on it again; head office did not offset it twice: the ¥{amount_fen} stays customer {customer_no}'s balance.</translation></message><message><source>账单 {bill_id}（{period}）已由总部调减为 {amount_fen} 元，终端 {terminal_id} 第 {seq} 笔离线时按原金额 {seen_fen} 元收取，多收的 {reduced_fen} 元已转入用户 {customer_no} 预存余额；请告知用户账单已调减（保留预存或退费）。</source><translation>Head office reduced bill {bill_id} ({period}) to ¥{amount_fen}; entry {seq} of terminal {terminal_id}, offline, took the former ¥{seen_fen}: the ¥{reduced_fen} too much went to customer {customer_no}'s balance. Tell the customer the bill was reduced (keep as balance or refund).</translation></message><message><source>账单 {bill_id}（{period}）在总部已无此应收（已由其他终端收取或总部已冲抵、调减），终端 {terminal_id} 第 {seq} 笔又收取违约金 {fee_fen} 元、电费 {principal_fen} 元，共 {total_fen} 元，已转入用户 {customer_no} 预存余额；请核查后联系用户（保留预存或退费）。</source><translation>Bill {bill_id} ({period}) owes nothing more at head office (taken by another terminal, or offset or reduced by head office), and entry {seq} of terminal {terminal_id} took late fee ¥{fee_fen} and principal ¥{principal_fen} on it again, ¥{total_fen} in all, now customer {customer_no}'s balance. Check, then contact the customer (keep as balance or refund).</translation></message><message><source>账单 {bill_id}（{period}）在总部已无此应收（已由其他终端收取或总部已冲抵、调减），终端 {terminal_id} 第 {seq} 笔又收取违约金 {fee_fen} 元，共 {total_fen} 元，已转入用户 {customer_no} 预存余额；请核查后联系用户（保留预存或退费）。</source><translation>Bill {bill_id} ({period}) owes nothing more at head office (taken by another terminal, or offset or reduced by head office), and entry {seq} of terminal {terminal_id} took late fee ¥{fee_fen} on it again, ¥{total_fen} in all, now customer {customer_no}'s balance. Check, then contact the customer (keep as balance or refund).</translation></message><message><source>账单 {bill_id}（{period}）在总部已无此应收（已由其他终端收取或总部已冲抵、调减），终端 {terminal_id} 第 {seq} 笔又收取电费 {principal_fen} 元，共 {total_fen} 元，已转入用户 {customer_no} 预存余额；请核查后联系用户（保留预存或退费）。</source><translation>Bill {bill_id} ({period}) owes nothing more at head office (taken by another terminal, or offset or reduced by head office), and entry {seq} of terminal {terminal_id} took principal ¥{principal_fen} on it again, ¥{total_fen} in all, now customer {customer_no}'s balance. Check, then contact the customer (keep as balance or refund).</translation></message><message><source>终端 {terminal_id} 第 {seq} 笔退补调减账单 {bill_id}；总部该账单另有其他终端的缴费，超出新金额的 {amount_fen} 元已转入用户 {customer_no} 预存；请核查后联系用户（保留预存或退费）。</source><translation>Entry {seq} of terminal {terminal_id} reduced bill {bill_id}; head office holds another terminal's payment on it too: the ¥{amount_fen} beyond the new amount went to customer {customer_no}'s balance. Check, then contact the customer (keep as balance or refund).</translation></message><message><source>终端 {terminal_id} 第 {seq} 笔退补调减账单 {bill_id}，转入预存 {amount_fen} 元；这笔钱在总部已作为重复缴费转入用户 {customer_no} 预存，未再次转入。</source><translation>Entry {seq} of terminal {terminal_id} reduced bill {bill_id} and moved ¥{amount_fen} to the balance; head office had already credited it to customer {customer_no} as a double payment, and did not credit it again.</translation></message><message><source>用户 {customer_no} 的预存余额在两处同时使用，总部余额为 {balance_fen} 元；请核查并向用户追收。</source><translation>Customer {customer_no}'s balance was spent at two places at once; head office's balance is ¥{balance_fen}. Check, and collect it from the customer.</translation></message><message><source>总部账务中心中用户 {customer_no} 的数据在签名后被改动或无有效签名（{rows}）：终端 {terminal_id} 第 {seq} 笔流水（{amount_fen} 元）已收存、不会丢失，但未记入该用户的账单和余额，也未重新签名；该用户此后的流水同样暂不入账。请信息部门核查总部数据库，按流水重算该用户（python main.py central verify-books）后再处理本事项。</source><translation>Head office's rows of customer {customer_no} were changed after they were signed, or carry no valid signature ({rows}): entry {seq} of terminal {terminal_id} (¥{amount_fen}) is stored and not lost, but was not booked onto the customer's bills and balance, nor signed again; the customer's later entries wait too. IT checks head office's database and recomputes the customer from the journals (python main.py central verify-books) before this case is closed.</translation></message><message><source>用户 {customer_no} 在总部的余额或账单在签名后被改动，或有暂不入账的流水：暂不能从其余额退款；请信息部门先核查并按流水重算该用户（python main.py central verify-books）。</source><translation>Customer {customer_no}'s balance or bills at head office were changed after they were signed, or entries of theirs are held from the books: no refund from that balance until IT has checked and recomputed the customer from the journals (python main.py central verify-books).</translation></message><message><source>夜间重算发现总部账务中心中用户 {customer_no} 的数据与全部流水的重算结果不符（{rows}）：可能被人改动。该用户此后的流水暂不入账；请信息部门核查总部数据库，按流水修复该用户（python main.py central verify-books --repair --customer {customer_no}）后再处理本事项。</source><translation>The nightly recompute found head office's rows of customer {customer_no} differing from the fold of the journals ({rows}): they may have been edited. The customer's later entries are held from the books; IT checks head office's database and repairs the customer from the journals (python main.py central verify-books --repair --customer {customer_no}) before this case is dealt with.</translation></message><message><source>备份位置 {backup_dir} 不可用（U 盘未插或网络共享未连接），本次未备份。</source><translation>The backup place {backup_dir} is unavailable (USB stick not inserted or network share not connected); nothing was backed up this time.</translation></message><message><source>备份副本校验未通过（{check}），已保留上一份备份。</source><translation>The backup copy failed its check ({check}); the previous backup is kept.</translation></message><message><source>备份到 {backup_dir} 失败（{error}），已保留上一份备份。</source><translation>Backing up to {backup_dir} failed ({error}); the previous backup is kept.</translation></message><message><source>没有编号为 {hall_id} 的营业厅；请先执行 central hall add {hall_id} --name 名称。</source><translation>There is no hall numbered {hall_id}; run central hall add {hall_id} --name NAME first.</translation></message><message><source>总部没有终端 {terminal_id}；请先执行 central terminal add {terminal_id} --hall 营业厅编号。</source><translation>Head office has no terminal {terminal_id}; run central terminal add {terminal_id} --hall HALL first.</translation></message><message><source>总部没有工号为 {clerk_id} 的人员；请核对工号。</source><translation>Head office has no clerk numbered {clerk_id}; check the number.</translation></message><message><source>区域不能为空，且不超过 64 个字。</source><translation>The region must not be empty and has at most 64 characters.</translation></message><message><source>营业厅 {hall_id} 已存在；不能重复创建。</source><translation>Hall {hall_id} already exists; it cannot be created twice.</translation></message><message><source>终端号 {terminal_id} 已被使用；一个终端号只能属于一台电脑，请换一个终端号。</source><translation>Terminal id {terminal_id} is already in use; a terminal id belongs to one computer only, choose another.</translation></message><message><source>终端 {terminal_id} 没有待批准的密钥 {key_fingerprint}；请用 central terminals 核对指纹。</source><translation>Terminal {terminal_id} has no key {key_fingerprint} awaiting approval; check the fingerprint with central terminals.</translation></message><message><source>终端 {terminal_id} 没有指纹为 {key_fingerprint} 的密钥；请用 central terminals 核对。</source><translation>Terminal {terminal_id} has no key with fingerprint {key_fingerprint}; check with central terminals.</translation></message><message><source>终端 {terminal_id} 的密钥 {key_fingerprint} 已经停用。</source><translation>Key {key_fingerprint} of terminal {terminal_id} is already revoked.</translation></message><message><source>工号 {clerk_id} 已存在；如需新密码请用 central clerk reset-pin {clerk_id}。</source><translation>Clerk number {clerk_id} already exists; for a new PIN use central clerk reset-pin {clerk_id}.</translation></message><message><source>总部没有工号为 {clerk_id} 的人员，也没有他收费的记录；请核对工号。</source><translation>Head office has no clerk numbered {clerk_id} and no takings of theirs; check the number.</translation></message><message><source>终端 {terminal_id} 的密钥 {key_fingerprint} 已被总部停用，不能再登记。</source><translation>Head office revoked key {key_fingerprint} of terminal {terminal_id}; it cannot be registered again.</translation></message><message><source>总部尚未批准终端 {terminal_id}；请总部执行 central terminal approve {terminal_id} 后重试。</source><translation>Head office has not approved terminal {terminal_id} yet; ask head office to run central terminal approve {terminal_id}, then try again.</translation></message><message><source>未知的处理方式：{decision}</source><translation>Unknown decision: {decision}</translation></message><message><source>请填写处理理由。</source><translation>Give a reason for the decision.</translation></message><message><source>没有待查事项 {case_id}。</source><translation>There is no open case {case_id}.</translation></message><message><source>待查事项 {case_id} 已于 {resolved_at} 由 {resolved_by} 处理，不能再改；如需更正，请另行登记新的处理。</source><translation>Case {case_id} was decided at {resolved_at} by {resolved_by} and cannot be changed; to correct it, record a new decision.</translation></message><message><source>只有重复缴费（多收款项）才能转预存或退款；告警请在处理后确认。</source><translation>Only a duplicate payment (money taken twice) can go to the balance or be refunded; acknowledge alarms once handled.</translation></message><message><source>多收款项须决定转预存或退款。</source><translation>Money taken twice must go to the balance or be refunded.</translation></message><message><source>待查事项 {case_id} 刚被他人处理，不能再改。</source><translation>Case {case_id} was just decided by someone else and cannot be changed.</translation></message><message><source>用户 {customer_no} 的总部预存余额（{balance_fen} 元）已不足退款金额，多收款项已被抵扣电费；请转预存处理。</source><translation>Customer {customer_no}'s balance at head office ({balance_fen} yuan) no longer covers the refund: the overpayment has paid for electricity; put it to the balance instead.</translation></message><message><source>本终端已有演示用户；如需重新生成，请使用新的数据目录。</source><translation>This terminal already has demo customers; to generate them again use a new data directory.</translation></message><message><source>终端密钥文件 {path} 的权限过宽（{mode}），其他用户可以读取；请执行 chmod 600 后重试。</source><translation>The terminal key file {path} is readable by others ({mode}); run chmod 600 on it and try again.</translation></message><message><source>终端密钥文件 {path} 不是 Ed25519 密钥；请联系信息部门。</source><translation>The terminal key file {path} is not an Ed25519 key; call the IT department.</translation></message><message><source>总部留存的终端 {terminal_id} 流水校验未通过（{problem}），未恢复；请信息部门核查。</source><translation>The journal of terminal {terminal_id} kept by head office failed its check ({problem}); nothing was restored; ask the IT department to look into it.</translation></message><message><source>{backup_dir} 中没有终端 {terminal_id} 的备份（*-local.db）。</source><translation>{backup_dir} holds no backup (*-local.db) of terminal {terminal_id}.</translation></message><message><source>找不到备份位置 {backup_dir}；请插入备份 U 盘或连接网络共享后重试。</source><translation>The backup place {backup_dir} cannot be found; insert the backup USB stick or connect the network share and try again.</translation></message><message><source>恢复出的数据库校验未通过（{check}），未恢复。</source><translation>The restored database failed its check ({check}); nothing was restored.</translation></message><message><source>{fork}（本机不能收费；sync 与 verify 仍可运行。）</source><translation>{fork} (This terminal cannot take money; sync and verify still run.)</translation></message><message><source>备份文件 {copy} 无法读取（{error}）；请换一份备份。</source><translation>The backup file {copy} cannot be read ({error}); use another backup.</translation></message><message><source>备份中的流水已损坏（{problem}）；请换一份备份。</source><translation>The journal in the backup is damaged ({problem}); use another backup.</translation></message><message><source>恢复后的流水校验未通过（{problem}），未恢复。</source><translation>The restored journal failed its check ({problem}); nothing was restored.</translation></message><message><source>备份第 {seq} 笔流水与总部账务中心的记录不一致：这份备份不属于本终端的这条流水，未恢复。</source><translation>Journal entry {seq} of the backup differs from head office's accounting centre's record: this backup is not of this terminal's journal; nothing was restored.</translation></message><message><source>[printer] {key} 应为数字，而不是 {value}</source><translation>[printer] {key} should be a number, not {value}</translation></message><message><source>[printer] kind 应为 {kinds} 之一，而不是 “{kind}”</source><translation>[printer] kind should be one of {kinds}, not "{kind}"</translation></message><message><source>[printer] width_mm 应为 58 或 80，而不是 {width_mm}</source><translation>[printer] width_mm should be 58 or 80, not {width_mm}</translation></message><message><source>[printer] mode 应为 text 或 image，而不是 “{mode}”</source><translation>[printer] mode should be text or image, not "{mode}"</translation></message><message><source>[printer] timeout_s 应在 0 到 30 秒之间，而不是 {timeout_s}</source><translation>[printer] timeout_s should be between 0 and 30 seconds, not {timeout_s}</translation></message><message><source>[printer] cash_drawer 应为 true 或 false</source><translation>[printer] cash_drawer should be true or false</translation></message><message><source>[printer] port 应为 1 到 65535 的整数，而不是 {port}</source><translation>[printer] port should be a whole number from 1 to 65535, not {port}</translation></message><message><source>[printer] {key} 应为数字，而不是 “{value}”</source><translation>[printer] {key} should be a number, not "{value}"</translation></message><message><source>找不到打印机地址 {host}，请检查打印机设置</source><translation>The printer address {host} cannot be found; check the printer settings</translation></message><message><source>连接打印机（{where}）超时，请检查打印机电源和网线后重打</source><translation>Connecting to the printer ({where}) timed out; check its power and network cable, then print again</translation></message><message><source>连接不上打印机（{where}），请检查打印机电源和网线后重打</source><translation>The printer ({where}) cannot be connected to; check its power and network cable, then print again</translation></message><message><source>{device}没有响应，请检查打印机电源和连线后重打</source><translation>The {device} does not respond; check the printer's power and cable, then print again</translation></message><message><source>打开{device}失败，请检查打印机电源和连线后重打（{error}）</source><translation>Opening the {device} failed; check the printer's power and cable, then print again ({error})</translation></message><message><source>向{device}发送失败，凭证可能没有打完，请检查打印机后重打</source><translation>Sending to the {device} failed and the receipt may be incomplete; check the printer, then print again</translation></message><message><source>支付宝对账单格式无法识别（缺少交易号、订单号、业务类型或金额列）。</source><translation>The Alipay statement's format is not recognised (no trade number, order number, business type or amount column).</translation></message><message><source>支付宝对账单不可用：{detail}</source><translation>The Alipay statement is not available: {detail}</translation></message><message><source>{what}文件 {path} 的权限过宽（{mode}）；请执行 chmod 600 {path} 后重试。</source><translation>The {what} file {path} is readable by others ({mode}); run chmod 600 {path} and try again.</translation></message><message><source>{what}文件 {path} 不是 RSA 私钥。</source><translation>The {what} file {path} is not an RSA private key.</translation></message><message><source>{what}文件 {path} 不是 RSA 公钥。</source><translation>The {what} file {path} is not an RSA public key.</translation></message><message><source>{what}文件 {path} 无法读取；请检查 config.toml 中的路径。</source><translation>The {what} file {path} cannot be read; check the path in config.toml.</translation></message><message><source>{what}文件 {path} 不是有效的 RSA 私钥（PEM 或 base64）。</source><translation>The {what} file {path} is not a valid RSA private key (PEM or base64).</translation></message><message><source>{what}文件 {path} 不是有效的 RSA 公钥（PEM 或 base64）。</source><translation>The {what} file {path} is not a valid RSA public key (PEM or base64).</translation></message><message><source>微信对账单格式无法识别（缺少订单号、状态或金额列）。</source><translation>The WeChat statement's format is not recognised (no order number, state or amount column).</translation></message><message><source>应答的 appid / mch_id 不是本商户的</source><translation>the answer's appid / mch_id are not this merchant's</translation></message><message><source>微信对账单不可用：{detail}</source><translation>The WeChat statement is not available: {detail}</translation></message><message><source>应答不是有效的 XML</source><translation>the answer is not valid XML</translation></message><message><source>没有名为 {page} 的页面；可用：{pages}。</source><translation>There is no page named {page}; available: {pages}.</translation></message><message><source>无法写入 {out}。</source><translation>{out} cannot be written.</translation></message><message><source>无法取得{acquirer} {day} 的对账单（{error}）；请稍后重试。</source><translation>The {acquirer} statement of {day} cannot be had ({error}); try again later.</translation></message><message><source>本机数据库被其他程序占用，本次操作未记录；请稍后重试。</source><translation>The local database is in use by another program; nothing was recorded; try again shortly.</translation></message><message><source>本机磁盘已满，本次操作未记录；请清理磁盘空间后重试。</source><translation>This PC's disk is full; nothing was recorded; free some disk space and try again.</translation></message><message><source>本机数据库为只读，本次操作未记录；请联系信息部门检查数据目录。</source><translation>The local database is read-only; nothing was recorded; ask the IT department to check the data directory.</translation></message><message><source>本机数据库出错（{detail}），本次操作未记录。</source><translation>The local database failed ({detail}); nothing was recorded.</translation></message><message><source>打印中打印机停止响应，凭证可能没有打完，请检查打印机后重打</source><translation>The printer stopped responding while printing and the receipt may be incomplete; check the printer, then print again</translation></message><message><source>打印机（{where}）没有响应，请检查打印机后重打</source><translation>The printer ({where}) does not respond; check the printer, then print again</translation></message><message><source>打印中与打印机的连接断开，凭证可能没有打完，请检查打印机后重打</source><translation>The link to the printer broke while printing and the receipt may be incomplete; check the printer, then print again</translation></message><message><source>与打印机（{where}）的连接断开，请检查打印机后重打</source><translation>The link to the printer ({where}) broke; check the printer, then print again</translation></message><message><source>应答签名无效</source><translation>the answer's signature is invalid</translation></message><message><source>模拟：连接在上传前中断</source><translation>Simulated: the link was cut before the push</translation></message><message><source>模拟：总部已提交，应答丢失</source><translation>Simulated: head office committed, the reply was lost</translation></message></context><context><name>labels</name><message><source>100元</source><translation>¥100</translation></message><message><source>50元</source><translation>¥50</translation></message><message><source>20元</source><translation>¥20</translation></message><message><source>10元</source><translation>¥10</translation></message><message><source>5元</source><translation>¥5</translation></message><message><source>1元</source><translation>¥1</translation></message><message><source>5角</source><translation>¥0.50</translation></message><message><source>1角</source><translation>¥0.10</translation></message><message><source>5分</source><translation>¥0.05</translation></message><message><source>2分</source><translation>¥0.02</translation></message><message><source>1分</source><translation>¥0.01</translation></message><message><source>收费员</source><translation>Clerk</translation></message><message><source>主管</source><translation>Supervisor</translation></message><message><source>系统管理员</source><translation>Administrator</translation></message></context><context><name>NoticePropose</name><message><source>请先选择一位用户。</source><translation>Select a customer first.</translation></message><message><source>已为用户 %1 提出停电通知 %2，待主管在“停电通知”中审批（Ctrl+6，Ctrl+PgDown）。</source><translation>Notice %2 proposed for customer %1; a supervisor approves it under Notices (Ctrl+6, Ctrl+PgDown).</translation></message></context></TS>