<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <location filename="../arrears_page.py" line="271" />
        <location filename="../arrears_page.py" line="272" />
        <location filename="../arrears_page.py" line="281" />
        <location filename="../arrears_page.py" line="282" />
        <location filename="../arrears_page.py" line="283" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../arrears_page.py" line="277" />
        <location filename="../arrears_page.py" line="280" />
        <source>不限</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="288" />
        <source>风险等级(&amp;G)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="288" />
        <source>用户类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="288" />
        <source>账龄</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="289" />
        <source>欠费本金 ≥ 元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="289" />
        <source>≤ 元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="290" />
        <source>区域</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="290" />
        <source>责任收费员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="290" />
        <source>停电通知</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="291" />
        <source>排序</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AgeingChart</name>
    <message>
        <location filename="../arrears_page.py" line="94" />
        <source>欠费账龄图</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="105" />
        <source>%1：%2，%3 户，占 %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="119" />
        <source>欠费账龄（按最早一笔欠费的逾期天数）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="125" />
        <source>没有符合条件的欠费。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="130" />
        <source>合计 %1，%2 户</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="154" />
        <source>%1　%2 户　占 %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="164" />
        <source>条形长度按欠费本金（不含违约金）；户数按最早一笔欠费的账龄归类。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ArrearsPage</name>
    <message>
        <location filename="../arrears_page.py" line="196" />
        <source>欠费清单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="197" />
        <source>业务日 %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="224" />
        <source>查询  [Enter]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="328" />
        <source>%1：%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="330" />
        <source>最低欠费金额</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="331" />
        <source>最高欠费金额</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="341" />
        <source>等级</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="341" />
        <source>类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="341" />
        <source>账龄</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="342" />
        <source>区域</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="342" />
        <source>责任人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="343" />
        <source>停电通知</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="347" />
        <source>本金 ≥ %1 元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="349" />
        <source>本金 ≤ %1 元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="371" />
        <source>共 %1 户欠费，欠费本金合计 %2 元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="373" />
        <source>；列表显示前 %1 户（违约金至今 %2 元），导出 CSV / Excel 含全部</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="376" />
        <source>；违约金至今 %1 元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="383" />
        <source>（总部 %1）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="387" />
        <source>★ 重要</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="447" />
        <source>正在导出 %1 …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="458" />
        <source>导出失败：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="460" />
        <source>已导出：%1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../audit_page.py" line="74" />
        <source>按工号、凭证号、事件或详情筛选</source>
        <translation>Filter by clerk, receipt, event or detail</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="78" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="78" />
        <source>审批</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="78" />
        <source>重打</source>
        <translation>Reprints</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="79" />
        <source>登录与密码</source>
        <translation>Logins and PINs</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="79" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="81" />
        <source>审计记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="122" />
        <source>事项：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../audit_page.py" line="124" />
        <source>用途：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../audit_page.py" line="128" />
        <source>已打印</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="128" />
        <source>未打印</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../audit_page.py" line="132" />
        <source>%1 人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../audit_page.py" line="134" />
        <source>流水 #%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../audit_page.py" line="137" />
        <source>审批人 %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../audit_page.py" line="143" />
        <source>审计记录仅限主管或系统管理员查看。</source>
        <translation>The audit trail is for supervisors and administrators only.</translation>
    </message>
    <message>
        <location filename="../audit_page.py" line="164" />
        <source>共 %1 条，显示 %2 条；其中登录失败 %3 次</source>
        <translation>%1 rows, %2 shown; %3 failed logins</translation>
    </message>
</context>
<context>
    <name>ClerkControls</name>
    <message>
        <location filename="../lock_screen.py" line="160" />
        <source>收费员 %1 %2 暂时离开</source>
        <translation>Clerk %1 %2 is away</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="162" />
        <source>本人输入密码回车解锁；也可由主管输入工号和密码解锁（Shift+Tab 到工号）。</source>
        <translation>Type your PIN and Enter to unlock, or a supervisor types their ID and PIN (Shift+Tab to the ID).</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="176" />
        <source>请输入工号。</source>
        <translation>Type the clerk ID.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="180" />
        <source>请输入密码。</source>
        <translation>Type the PIN.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="183" />
        <source>只有 %1 本人或主管可以解锁；换收费员请解锁后按 Ctrl+Shift+L。</source>
        <translation>Only %1 or a supervisor can unlock; to switch clerks, unlock and press Ctrl+Shift+L.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="263" />
        <source>%1 %2 %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../counter_page.py" line="77" />
        <source>查找用户</source>
        <translation>Find customer</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="80" />
        <source>扫描或输入户号 / 卡号 / 电话 / 姓名 / 地址，回车查找</source>
        <translation>Scan or type customer no. / card no. / phone / name / address, Enter</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="95" />
        <source>用户信息</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="98" />
        <source>户号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="98" />
        <source>户名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="98" />
        <source>用电类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="99" />
        <source>表号</source>
        <translation>Meter no.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="99" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="99" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="100" />
        <source>风险等级</source>
        <translation>Risk grade</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="100" />
        <source>预存余额</source>
        <translation>Prepaid balance</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="120" />
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="120" />
        <source>电量(kWh)</source>
        <translation>kWh</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="120" />
        <source>电费(元)</source>
        <translation>Bill (¥)</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="120" />
        <source>缴费截止日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="121" />
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="121" />
        <source>违约金(元)</source>
        <translation>Late fee (¥)</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="121" />
        <source>小计(元)</source>
        <translation>Subtotal (¥)</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="130" />
        <source>电费合计</source>
        <translation>Bills</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="130" />
        <source>违约金合计</source>
        <translation>Late fees</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="131" />
        <source>预存抵扣</source>
        <translation>From balance</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="131" />
        <source>应收</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="146" />
        <source>收款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="157" />
        <source>空 = 收足额</source>
        <translation>empty = exact amount</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="168" />
        <source>支付方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="169" />
        <source>缴费金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="170" />
        <source>实收(元)</source>
        <translation>Tendered (¥)</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="171" />
        <source>找零(元)</source>
        <translation>Change (¥)</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="172" />
        <source>交易参考号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="176" />
        <source>确认收款  [Enter / F12]</source>
        <translation>Confirm payment  [Enter / F12]</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="182" />
        <source>F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  Esc 下一位</source>
        <translation>F2 cash  F3 bank card  F4 WeChat  F5 Alipay  F6 UnionPay  F7 cheque  Esc next</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="190" />
        <source>凭证预览</source>
        <translation>Receipt preview</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="236" />
        <source>没有找到与“%1”相符的用户；请核对户号、电话、姓名或地址。</source>
        <translation>No customer matches “%1”; check the customer no., phone, name or address.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="268" />
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="293" />
        <source>该用户当前没有应缴电费；如需预存，请输入金额。</source>
        <translation>Nothing is due; type an amount to prepay.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="310" />
        <source>请先查找用户。</source>
        <translation>Find a customer first.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="324" />
        <source>收款成功：凭证 %1，%2 %3 元</source>
        <translation>Paid: receipt %1, %2 ¥%3</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="327" />
        <source>，找零 %1 元</source>
        <translation>, change ¥%1</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="328" />
        <source>。正在打印凭证…</source>
        <translation>. Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="346" />
        <source>凭证 %1 已记账，但打印出错：%2。可在历史中重打。</source>
        <translation>Receipt %1 is recorded but printing failed: %2. Reprint it from History.</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="356" />
        <source>凭证 %1 已记账，未打印：%2</source>
        <translation>Receipt %1 is recorded, not printed: %2</translation>
    </message>
    <message>
        <location filename="../counter_page.py" line="385" />
        <source>不足 %1</source>
        <translation>short %1</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../customer_display.py" line="24" />
        <source>客显 — %1</source>
        <translation>Customer display — %1</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="36" />
        <source>应缴金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="36" />
        <source>实收</source>
        <translation>Tendered</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="37" />
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="58" />
        <source>%1 元</source>
        <translation>¥ %1</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="60" />
        <source>欢迎光临，请出示电费通知单或报户号</source>
        <translation>Welcome — please show your bill or tell us your customer no.</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="62" />
        <source>缴费成功，谢谢！请收好凭证和找零</source>
        <translation>Paid, thank you! Please take your receipt and change</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="64" />
        <source>请打开手机扫码付款，并出示付款码</source>
        <translation>Please open your payment app and show the payment code</translation>
    </message>
    <message>
        <location filename="../customer_display.py" line="66" />
        <source>请核对应缴金额</source>
        <translation>Please check the amount due</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../history_page.py" line="51" />
        <source>今日收费凭证</source>
        <translation>Today's receipts</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="54" />
        <source>按凭证号、户号、户名或支付方式筛选</source>
        <translation>Filter by receipt no., customer no., name or method</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="62" />
        <source>凭证号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="62" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="62" />
        <source>户号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="62" />
        <source>户名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="62" />
        <source>支付方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="63" />
        <source>金额(元)</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="63" />
        <source>打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="73" />
        <source>重打凭证  [Ctrl+R / Enter]</source>
        <translation>Reprint  [Ctrl+R / Enter]</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="76" />
        <source>打开 PDF 副本  [Ctrl+P]</source>
        <translation>Open PDF copy  [Ctrl+P]</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="79" />
        <source>刷新  [F5]</source>
        <translation>Refresh  [F5]</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="83" />
        <source>结班后重打需主管：</source>
        <translation>Reprint after close needs a supervisor:</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="86" />
        <source>工号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="90" />
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="121" />
        <source>已打印</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="121" />
        <source>✖ 未打印</source>
        <translation>✖ not printed</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="121" />
        <source>待打印</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="127" />
        <source>（%1 次）</source>
        <translation> (%1×)</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="133" />
        <source>共 %1 张，合计 %2 元</source>
        <translation>%1 receipts, total ¥%2</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="168" />
        <location filename="../history_page.py" line="193" />
        <source>请先在列表中选择一张凭证。</source>
        <translation>Select a receipt in the list first.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="173" />
        <source>正在重打 %1…</source>
        <translation>Reprinting %1…</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="181" />
        <source>凭证 %1 已重打。</source>
        <translation>Receipt %1 reprinted.</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="183" />
        <source>凭证 %1 未能打印：%2</source>
        <translation>Receipt %1 did not print: %2</translation>
    </message>
    <message>
        <location filename="../history_page.py" line="203" />
        <source>PDF 副本：%1</source>
        <translation>PDF copy: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../lock_screen.py" line="64" />
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="73" />
        <source>工号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="76" />
        <source>密码，回车解锁</source>
        <translation>PIN, Enter to unlock</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="77" />
        <source>本人输入密码回车解锁；也可由主管输入工号和密码解锁（Shift+Tab 到工号）。</source>
        <translation>Type your PIN and Enter to unlock, or a supervisor types their ID and PIN (Shift+Tab to the ID).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../login_dialog.py" line="58" />
        <location filename="../login_dialog.py" line="60" />
        <source>切换收费员</source>
        <translation>Switch clerk</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="58" />
        <source>收费员登录</source>
        <translation>Clerk login</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="61" />
        <source>%1 — 收费员登录</source>
        <translation>%1 — clerk login</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="68" />
        <source>工号，回车</source>
        <translation>Clerk ID, Enter</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="71" />
        <source>密码，回车登录</source>
        <translation>PIN, Enter to log in</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="72" />
        <source>工号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="73" />
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="75" />
        <source>输入工号后按回车，再输入密码按回车。</source>
        <translation>Type your clerk ID and Enter, then your PIN and Enter.</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="76" />
        <source>下一位收费员输入工号和密码；Esc 取消，仍由当前收费员办理。</source>
        <translation>Next clerk: type ID and PIN; Esc cancels and the current clerk stays.</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="82" />
        <source>演示终端：C01 / 111111，主管 S01 / 999999（仅用于演示）</source>
        <translation>Demo terminal: C01 / 111111, supervisor S01 / 999999 (demo only)</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="93" />
        <location filename="../login_dialog.py" line="105" />
        <source>请输入工号。</source>
        <translation>Type the clerk ID.</translation>
    </message>
    <message>
        <location filename="../login_dialog.py" line="109" />
        <source>请输入密码。</source>
        <translation>Type the PIN.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="36" />
        <source>HallPay 供电营业厅收费 — %1</source>
        <translation>HallPay business hall counter — %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="49" />
        <source>收费</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="49" />
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="50" />
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="50" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95" />
        <source>IC卡购电</source>
        <translation>IC card</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100" />
        <source>欠费</source>
        <translation>Arrears</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="127" />
        <source>终端 %1</source>
        <translation>Terminal %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128" />
        <source>收费员 %1 %2</source>
        <translation>Clerk %1 %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="129" />
        <source>营业日 %1</source>
        <translation>Business day %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130" />
        <source>打印机 …</source>
        <translation>Printer …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="131" />
        <source>读卡器 …</source>
        <translation>Card reader …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="132" />
        <source>同步 %1</source>
        <translation>Sync %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="132" />
        <source>未启动</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="154" />
        <source>打印机 %1</source>
        <translation>Printer %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162" />
        <location filename="../main_window.py" line="168" />
        <source>读卡器 %1</source>
        <translation>Card reader %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162" />
        <source>未配置</source>
        <translation>not configured</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>扫描 / 输入 + 回车</source>
        <translation>Scan / type + Enter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>查找用户（户号、卡号、电话、姓名、地址）</source>
        <translation>Find the customer (customer no., card no., phone, name, address)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197" />
        <source>↑ ↓ 回车</source>
        <translation>↑ ↓ Enter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197" />
        <source>在多个结果中选择</source>
        <translation>Pick one of several results</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="198" />
        <source>回到查找框</source>
        <translation>Back to the search box</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="199" />
        <source>现金、银行卡、微信、支付宝、云闪付、支票</source>
        <translation>Cash, bank card, WeChat, Alipay, UnionPay, cheque</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200" />
        <source>回车（在实收中） / F12</source>
        <translation>Enter (in Tendered) / F12</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200" />
        <source>确认收款</source>
        <translation>Confirm the payment</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201" />
        <source>下一位用户</source>
        <translation>Next customer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="202" />
        <source>收费、历史、班次、设置</source>
        <translation>Counter, History, Shift, Settings</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="203" />
        <source>历史：重打选中的凭证 / 打开 PDF 副本</source>
        <translation>History: reprint the selected receipt / open its PDF copy</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204" />
        <source>数字 + 回车</source>
        <translation>Digits + Enter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204" />
        <source>班次：按券别填写张数，回车到下一行</source>
        <translation>Shift: pieces per denomination, Enter to the next line</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205" />
        <source>班次：结班</source>
        <translation>Shift: close</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="206" />
        <source>设置：保存（需主管工号）</source>
        <translation>Settings: save (supervisor ID and PIN)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207" />
        <source>设置：打印测试页 / 读测试卡 / 测试总部连接</source>
        <translation>Settings: test page / read test card / test head-office link</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="208" />
        <source>打开或关闭客显</source>
        <translation>Show or hide the customer display</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="209" />
        <source>锁屏（本人或主管密码解锁；空闲时自动锁屏）</source>
        <translation>Lock the screen (own or supervisor's PIN unlocks; locks itself when idle)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210" />
        <source>切换收费员</source>
        <translation>Switch clerk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="211" />
        <source>本帮助</source>
        <translation>This help</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217" />
        <source>快捷键</source>
        <translation>Keys</translation>
    </message>
<message><source>就绪</source><translation>ready</translation></message><message><source>纸将尽</source><translation>paper low</translation></message><message><source>缺纸</source><translation>paper out</translation></message><message><source>离线</source><translation>offline</translation></message><message><source>连接不上</source><translation>unreachable</translation></message></context>
<context>
    <name>ManagerPage</name>
    <message>
        <location filename="../arrears_page.py" line="476" />
        <source>欠费清单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../arrears_page.py" line="477" />
        <source>停电通知  [Ctrl+PgDown]</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../notice_page.py" line="55" />
        <source>停电通知</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="56" />
        <source>状态</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="59" />
        <source>全部未结</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="77" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="83" />
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../notice_page.py" line="87" />
        <source>审批  [Ctrl+Shift+A]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="93" />
        <source>送达方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="98" />
        <source>登记送达  [Ctrl+Shift+S]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="101" />
        <source>通知书 PDF  [Ctrl+Shift+P]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="129" />
        <source>★ 报电力管理部门</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="144" />
        <source>请先在列表中选择一份停电通知。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="171" />
        <source>停电通知 %1 已审批。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="176" />
        <source>停电通知 %1 已登记送达；最早可于 %2 起停电。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="206" />
        <source>通知书未能生成：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../notice_page.py" line="208" />
        <source>通知书已生成：%1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RechargePage</name>
    <message>
        <location filename="../recharge_page.py" line="70" />
        <location filename="../recharge_page.py" line="175" />
        <source>请插入IC卡</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="73" />
        <source>重新读卡 F9</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="78" />
        <source>模拟读卡器（培训 / 演示）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="82" />
        <source>户号，如 1000000003</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="84" />
        <source>插入该用户的卡</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="84" />
        <source>插入空白卡</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="88" />
        <source>拔卡</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="102" />
        <source>卡片与用户</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="105" />
        <source>户号 / 户名</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="105" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="106" />
        <source>表号</source>
        <translation>Meter no.</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="106" />
        <source>卡号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="107" />
        <source>卡内购电次数</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="107" />
        <source>电表剩余金额（返写）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="108" />
        <source>电表返写时间</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="108" />
        <source>本次最多可购</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="115" />
        <source>购电</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="135" />
        <source>购电金额（元）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="136" />
        <source>支付方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="137" />
        <source>实收（元）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="138" />
        <source>交易参考号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="139" />
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="140" />
        <source>收款并写卡 F12</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="144" />
        <source>补卡（插入空白卡后）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="149" />
        <source>补卡用户的户号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="190" />
        <source>正在读卡…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="199" />
        <source>读卡未完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="208" />
        <source>卡已读取</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="216" />
        <location filename="../recharge_page.py" line="218" />
        <source>%1 元</source>
        <translation>¥ %1</translation>
    </message>
    <message>
        <location filename="../recharge_page.py" line="216" />
        <source>未返写（卡未插过电表）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="227" />
        <source>已自动补写卡：凭证 %1，未重复收费。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="279" />
        <source>请输入购电金额。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="286" />
        <source>正在写卡，请勿拔卡…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="298" />
        <source>购电成功，已写卡并读回核对：第 %1 次购电 %2 元。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="302" />
        <source>凭证 %1　购电 %2 元　第 %3 次　找零 %4 元　%5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="305" />
        <source>已写卡</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="305" />
        <source>待写卡</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="316" />
        <source>凭证未打印：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="321" />
        <source>补卡请先输入用户户号，并插入一张空白卡。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="333" />
        <source>补卡完成：新卡 %1，原卡 %2 已作废，卡内第 %3 次购电，工本费 %4 元。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../recharge_page.py" line="334" />
        <source>（无）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../settings_page.py" line="69" />
        <source>终端与营业厅</source>
        <translation>Terminal and hall</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="71" />
        <source>终端号</source>
        <translation>Terminal ID</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="72" />
        <source>营业厅名称</source>
        <translation>Hall name</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="73" />
        <source>默认收费员</source>
        <translation>Default clerk</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="74" />
        <source>界面语言（重启后生效）</source>
        <translation>Language (after restart)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="77" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="79" />
        <location filename="../settings_page.py" line="96" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="80" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="81" />
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="82" />
        <source>纸宽(mm)</source>
        <translation>Paper width (mm)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="83" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="83" />
        <source>文字</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="83" />
        <source>图像</source>
        <translation>image</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="84" />
        <source>超时(秒)</source>
        <translation>Timeout (s)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="85" />
        <source>现金收款时弹出钱箱</source>
        <translation>Open the cash drawer for cash</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="88" />
        <source>打印测试页  [Ctrl+T]</source>
        <translation>Print test page  [Ctrl+T]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="94" />
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="96" />
        <source>模拟</source>
        <translation>simulated</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="97" />
        <source>读卡器名称</source>
        <translation>Reader name</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="98" />
        <source>读测试卡  [Ctrl+K]</source>
        <translation>Read test card  [Ctrl+K]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="104" />
        <source>总部账务中心</source>
        <translation>Head-office ledger</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="106" />
        <source>数据库地址（空 = 本机中心库）</source>
        <translation>Database URL (empty = embedded)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="107" />
        <source>同步间隔(秒)</source>
        <translation>Sync interval (s)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="108" />
        <source>测试连接  [Ctrl+J]</source>
        <translation>Test connection  [Ctrl+J]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="114" />
        <source>收费政策（由总部下发，只读）</source>
        <translation>Policy (from head office, read-only)</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="119" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="125" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="132" />
        <source>保存设置（需主管审批）  [Ctrl+S]</source>
        <translation>Save (supervisor approval)  [Ctrl+S]</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="221" />
        <source>已保存 %1 项设置（流水 %2）。打印机、读卡器、语言的更改在重启后生效。</source>
        <translation>Saved %1 settings (journal entry %2). Printer, card reader and language changes apply after a restart.</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="233" />
        <source>正在测试…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="247" />
        <source>测试页已打印。</source>
        <translation>Test page printed.</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="248" />
        <source>测试页未打印：%1</source>
        <translation>Test page not printed: %1</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="253" />
        <source>本终端没有配置读卡器。</source>
        <translation>This terminal has no card reader configured.</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="258" />
        <source>读卡成功：卡号 %1，户号 %2，购电次数 %3</source>
        <translation>Card read: serial %1, customer %2, purchase count %3</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="266" />
        <source>本终端没有配置总部连接。</source>
        <translation>This terminal has no head-office link configured.</translation>
    </message>
    <message>
        <location filename="../settings_page.py" line="272" />
        <source>总部连接正常：上传 %1 笔，下载 %2 条，待上传 %3 笔。</source>
        <translation>Head office reachable: pushed %1, pulled %2, %3 pending.</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../shift_page.py" line="66" />
        <source>开班</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="72" />
        <source>开班  [Enter]</source>
        <translation>Open shift  [Enter]</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="75" />
        <source>备用金(元)</source>
        <translation>Float (¥)</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="79" />
        <source>结班点钞（按券别填写张数，回车到下一行）</source>
        <translation>Close: cash count (pieces per denomination, Enter to the next line)</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="97" />
        <source>张</source>
        <translation>pcs</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="108" />
        <source>实点现金</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="108" />
        <source>应有现金</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="109" />
        <source>差额</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="114" />
        <source>有差额时必填</source>
        <translation>required for a difference</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="118" />
        <source>差额超过限额时由主管填写工号</source>
        <translation>supervisor's ID when above the limit</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="124" />
        <source>差额原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="126" />
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="128" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="130" />
        <source>结班并生成日报、解款单  [Ctrl+Enter]</source>
        <translation>Close shift, make day report and deposit slip  [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="137" />
        <source>本班收款</source>
        <translation>This shift</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="145" />
        <source>结班前待处理</source>
        <translation>Before closing</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="170" />
        <source>收费员 %1 当前没有未结班次。</source>
        <translation>Clerk %1 has no open shift.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="171" />
        <source>开班后显示本班收款。</source>
        <translation>The shift's takings show here once it is open.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="175" />
        <source>班次 %1 · 备用金 %2 元</source>
        <translation>Shift %1 · float ¥%2</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="178" />
        <source>收费凭证 %1 张</source>
        <translation>%1 receipts</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="179" />
        <source>现金实收 %1 元，找零 %2 元，退款 %3 元</source>
        <translation>Cash tendered ¥%1, change ¥%2, refunds ¥%3</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="181" />
        <source>应有现金 %1 元</source>
        <translation>Expected cash ¥%1</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="182" />
        <source>按支付方式（与 POS / 扫码对账单核对）：</source>
        <translation>By method (match the POS / QR statements):</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="187" />
        <source>差额超过 %1 元需主管审批</source>
        <translation>A difference above ¥%1 needs a supervisor</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="192" />
        <source>⚠ 待补写卡：%1</source>
        <translation>⚠ Card write pending: %1</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="194" />
        <source>⚠ 凭证未打印：%1（可在历史页重打）</source>
        <translation>⚠ Receipt not printed: %1 (reprint from History)</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="196" />
        <source>✔ 没有待补写的卡和未打印的凭证</source>
        <translation>✔ No pending card writes, no unprinted receipts</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="219" />
        <source>账款相符</source>
        <translation>Cash matches</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="240" />
        <source>已开班 %1，备用金 %2 元。</source>
        <translation>Shift %1 opened, float ¥%2.</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="257" />
        <source>已结班 %1：%2；应解款 %3 元。正在生成日报和解款单…</source>
        <translation>Shift %1 closed: %2; deposit ¥%3. Writing the day report and slip…</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="282" />
        <source>日报未能生成：%1</source>
        <translation>Day report not written: %1</translation>
    </message>
    <message>
        <location filename="../shift_page.py" line="285" />
        <source>已结班。日报：%1；解款单：%2</source>
        <translation>Shift closed. Day report: %1; deposit slip: %2</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <location filename="../recharge_page.py" line="374" />
        <source>读卡器未配置。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../audit_page.py" line="181" />
        <source>审计</source>
        <translation>Audit</translation>
    </message>
</context>
</TS>