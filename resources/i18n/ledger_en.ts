<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>关于应急资源台账</source>
        <translation>About Emergency Resource Ledger</translation>
    </message>
    <message>
        <source>版本 {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>乡镇、县级应急物资、队伍与装备台账，对照规划检查短板。</source>
        <translation>The ledger of emergency supplies, rescue teams and equipment of towns and counties, checked against the plans for shortfalls.</translation>
    </message>
    <message>
        <source>数据库：{path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>随程序</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>规划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>发文机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>已加载的规划（{n} 个）</source>
        <translation>Loaded plans ({n})</translation>
    </message>
    <message>
        <source>切换到左侧导航的第 1 … 9 个版块</source>
        <extracomment>Keys that work everywhere but are not in a menu.</extracomment>
        <translation>Go to section 1 … 9 of the navigation</translation>
    </message>
    <message>
        <source>单据表单：过账</source>
        <translation>Document form: post</translation>
    </message>
    <message>
        <source>报表：生成预览</source>
        <translation>Reports: generate the preview</translation>
    </message>
    <message>
        <source>物资卡片：刷新（主窗口中为新建归还单）</source>
        <translation>Stock card: refresh (in the main window: new return)</translation>
    </message>
    <message>
        <source>报表：打印</source>
        <translation>Reports: print</translation>
    </message>
    <message>
        <source>打开选中的记录</source>
        <translation>Open the selected record</translation>
    </message>
    <message>
        <source>表格：复制选中的行（可直接粘贴到 WPS/Excel）</source>
        <translation>Tables: copy the selected rows (paste straight into WPS/Excel)</translation>
    </message>
    <message>
        <source>表格：按当前筛选和排序导出为 Excel（也在右键菜单中）</source>
        <translation>Tables: export to Excel as filtered and sorted (also in the context menu)</translation>
    </message>
    <message>
        <source>关闭对话框</source>
        <translation>Close the dialog</translation>
    </message>
    <message>
        <source>在输入框之间移动</source>
        <translation>Move between fields</translation>
    </message>
    <message>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>通用</source>
        <translation>General</translation>
    </message>
    <message>
        <source>菜单</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>功能</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>修改账户</source>
        <extracomment>Levels an office account can be bound to (villages have no office of their own).</extracomment>
        <translation>Edit account</translation>
    </message>
    <message>
        <source>新增账户</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>账户可以登录</source>
        <translation>Account may log in</translation>
    </message>
    <message>
        <source>至少 8 个字符；用户首次登录时须修改</source>
        <translation>At least 8 characters; the user must change it at first login</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>负责的仓库</source>
        <translation>Depots in charge</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已新增账户：{name}</source>
        <translation>Account added: {name}</translation>
    </message>
    <message>
        <source>已修改账户：{name}</source>
        <translation>Account changed: {name}</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>须修改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>用户账户</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>已解锁：{name}</source>
        <translation>Unlocked: {name}</translation>
    </message>
    <message>
        <source>只有管理员可以管理用户账户</source>
        <translation>Only administrators may manage user accounts</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请使用新密码。</source>
        <translation>Password changed; use the new password at your next login.</translation>
    </message>
    <message>
        <source>用户账户(&amp;U)…</source>
        <translation>&amp;User accounts…</translation>
    </message>
    <message>
        <source>修改密码(&amp;P)…</source>
        <translation>Change &amp;password…</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>新增储备协议</source>
        <translation>New reserve agreement</translation>
    </message>
    <message>
        <source>每行一种物资：物资编码或名称 数量
如：FX001 5000</source>
        <translation>One item per line: item code or name, then quantity
e.g. FX001 5000</translation>
    </message>
    <message>
        <source>储备企业/供应商</source>
        <translation>Reserve enterprise / supplier</translation>
    </message>
    <message>
        <source>储备方式</source>
        <translation>Reserve mode</translation>
    </message>
    <message>
        <source>合同号</source>
        <translation>Contract no.</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>协议物资</source>
        <translation>Agreed items</translation>
    </message>
    <message>
        <source>第{n}行：“{text}”不是“物资 数量”</source>
        <translation>Line {n}: “{text}” is not “item quantity”</translation>
    </message>
    <message>
        <source>已登记储备协议</source>
        <translation>Reserve agreement recorded</translation>
    </message>
</context>
<context>
    <name>AgreementsDialog</name>
    <message>
        <source>储备协议（协议储备、产能储备）</source>
        <translation>Reserve agreements (contract and capacity reserves)</translation>
    </message>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>灰色：不在合同期内（不计入储备）</source>
        <translation>Grey: outside the contract period (not counted as reserve)</translation>
    </message>
    <message>
        <source>删除与 {party} 的储备协议 {number} 吗？</source>
        <translation>Delete the reserve agreement {number} with {party}?</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>新建记录</source>
        <translation>Record created</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Record deleted</translation>
    </message>
    <message>
        <source>记录标识（可选）</source>
        <translation>Record key (optional)</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>共 {n} 条记录</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>只有管理员和应急办账户可以查看审计日志</source>
        <translation>Only administrator and office accounts may read the audit log</translation>
    </message>
    <message>
        <source>审计日志(&amp;A)…</source>
        <translation>&amp;Audit log…</translation>
    </message>
    <message>
        <source>行政区划</source>
        <extracomment>Chinese names of the audited tables, as the filter lists them.</extracomment>
        <translation>Org units</translation>
    </message>
    <message>
        <source>岗位人员</source>
        <translation>Posts</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drills</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>救援队伍</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>队员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>物资目录</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depots</translation>
    </message>
    <message>
        <source>往来单位</source>
        <translation>Counterparties</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>单据</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>单据明细</source>
        <translation>Document lines</translation>
    </message>
    <message>
        <source>装备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>保养记录</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>用户账户</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <source>保管员仓库</source>
        <translation>Keepers&apos; depots</translation>
    </message>
    <message>
        <source>账户所属单位</source>
        <translation>Accounts&apos; units</translation>
    </message>
    <message>
        <source>编码</source>
        <extracomment>Chinese names of the fields the audit shows most (others show their column name).</extracomment>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>上级单位</source>
        <translation>Parent unit</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>所属队伍</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>常住人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>标志</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>规划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>队长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>角色/职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>连续输错次数</source>
        <translation>Failed attempts</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记录标识</source>
        <translation>Record key</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>面积(平方米)</source>
        <translation>Area (m²)</translation>
    </message>
    <message>
        <source>保管员</source>
        <translation>Keepers</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>规格型号</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>序列号</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>单据日期</source>
        <translation>Document date</translation>
    </message>
    <message>
        <source>队伍类型</source>
        <translation>Team type</translation>
    </message>
    <message>
        <source>性质</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>入队日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>离队日期</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>（已删除的记录）</source>
        <extracomment>Shown for a reference to a record the database no longer knows.</extracomment>
        <translation>(deleted record)</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>调拨方案草稿</source>
        <translation>Draft transfer plan</translation>
    </message>
    <message>
        <source>调拨方案草稿明细</source>
        <translation>Draft transfer plan line</translation>
    </message>
    <message>
        <source>本机数据交换身份</source>
        <translation>Exchange identity of this computer</translation>
    </message>
    <message>
        <source>已报送数据包</source>
        <translation>Packages sent</translation>
    </message>
    <message>
        <source>报送单位</source>
        <translation>Reporting unit</translation>
    </message>
    <message>
        <source>已接收数据包</source>
        <translation>Packages received</translation>
    </message>
    <message>
        <source>在途调拨</source>
        <translation>Transfer in transit</translation>
    </message>
    <message>
        <source>在途签收</source>
        <translation>Transit receipt</translation>
    </message>
    <message>
        <source>装备对应关系</source>
        <translation>Equipment mapping</translation>
    </message>
    <message>
        <source>协议储备</source>
        <translation>Agreement reserve</translation>
    </message>
    <message>
        <source>协议储备明细</source>
        <translation>Agreement reserve line</translation>
    </message>
    <message>
        <source>人均储备定额</source>
        <translation>Per-capita reserve amount</translation>
    </message>
    <message>
        <source>人均储备标准</source>
        <translation>Per-capita reserve norm</translation>
    </message>
    <message>
        <source>最低库存</source>
        <translation>Minimum stock</translation>
    </message>
    <message>
        <source>属性确认</source>
        <translation>Attribute confirmation</translation>
    </message>
    <message>
        <source>期末结账</source>
        <translation>Period close</translation>
    </message>
    <message>
        <source>期末结存</source>
        <translation>Closing balance</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Remedy</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>账面数量</source>
        <translation>Book quantity</translation>
    </message>
    <message>
        <source>综合演练</source>
        <translation>Comprehensive drill</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>实盘数量</source>
        <translation>Counted quantity</translation>
    </message>
    <message>
        <source>往来单位名称</source>
        <translation>Counterparty name</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created at</translation>
    </message>
    <message>
        <source>修改时间</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>调入仓库</source>
        <translation>Destination depot</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>单据类型</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Expires on</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Founded on</translation>
    </message>
    <message>
        <source>举行日期</source>
        <translation>Held on</translation>
    </message>
    <message>
        <source>存放仓库</source>
        <translation>Stored in depot</translation>
    </message>
    <message>
        <source>配备队伍</source>
        <translation>Held by team</translation>
    </message>
    <message>
        <source>配备单位</source>
        <translation>Held by unit</translation>
    </message>
    <message>
        <source>发证日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>发证机关</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>上次登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>上次保养</source>
        <translation>Last maintained</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Line no.</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>保养周期(天)</source>
        <translation>Maintenance interval (days)</translation>
    </message>
    <message>
        <source>须修改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>下次保养</source>
        <translation>Next maintenance</translation>
    </message>
    <message>
        <source>超出原因</source>
        <translation>Override reason</translation>
    </message>
    <message>
        <source>参演人数</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>恢复码（摘要）</source>
        <translation>Recovery code (hash)</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>过账时间</source>
        <translation>Posted at</translation>
    </message>
    <message>
        <source>过账人</source>
        <translation>Posted by</translation>
    </message>
    <message>
        <source>购置日期</source>
        <translation>Purchased on</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>红冲的单据</source>
        <translation>Reversed document</translation>
    </message>
    <message>
        <source>盘点范围</source>
        <translation>Count scope</translation>
    </message>
    <message>
        <source>按序列号管理</source>
        <translation>Tracked by serial</translation>
    </message>
    <message>
        <source>保质期(月)</source>
        <translation>Shelf life (months)</translation>
    </message>
    <message>
        <source>任职起</source>
        <translation>In post from</translation>
    </message>
    <message>
        <source>任职止</source>
        <translation>In post until</translation>
    </message>
    <message>
        <source>来源单据</source>
        <translation>Source document</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Started on</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>受训人员</source>
        <translation>Trainees</translation>
    </message>
    <message>
        <source>培训学时</source>
        <translation>Training hours</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>定额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>属性</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>校验值</source>
        <translation>Check hash</translation>
    </message>
    <message>
        <source>校验序号</source>
        <translation>Check sequence</translation>
    </message>
    <message>
        <source>结账</source>
        <translation>Period close</translation>
    </message>
    <message>
        <source>结账时间</source>
        <translation>Closed at</translation>
    </message>
    <message>
        <source>结账人</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>确认人</source>
        <translation>Confirmed by</translation>
    </message>
    <message>
        <source>确认日期</source>
        <translation>Confirmed on</translation>
    </message>
    <message>
        <source>条数</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>创建人</source>
        <translation>Created by</translation>
    </message>
    <message>
        <source>仓库标记</source>
        <translation>Depot marks</translation>
    </message>
    <message>
        <source>摘要值</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>起草人</source>
        <translation>Drafted by</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>终止日期</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <source>规划条目</source>
        <translation>Plan entry</translation>
    </message>
    <message>
        <source>起始日</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>截止日</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>接收时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>接收人</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <source>安装标识</source>
        <translation>Installation</translation>
    </message>
    <message>
        <source>最后序号</source>
        <translation>Last sequence</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>储备方式</source>
        <translation>Reserve mode</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>按天计</source>
        <translation>Per day</translation>
    </message>
    <message>
        <source>人均</source>
        <translation>Per person</translation>
    </message>
    <message>
        <source>人均每天</source>
        <translation>Per person per day</translation>
    </message>
    <message>
        <source>公钥</source>
        <translation>Public key</translation>
    </message>
    <message>
        <source>签收单据</source>
        <translation>Receipt document</translation>
    </message>
    <message>
        <source>签收日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <source>停用时间</source>
        <translation>Retired at</translation>
    </message>
    <message>
        <source>发出日期</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>制定日期</source>
        <translation>Set on</translation>
    </message>
    <message>
        <source>起始序号</source>
        <translation>From sequence</translation>
    </message>
    <message>
        <source>槽位</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>调出仓库</source>
        <translation>Source depot</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>Starts on</translation>
    </message>
    <message>
        <source>概况</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>调拨单</source>
        <translation>Transfer document</translation>
    </message>
    <message>
        <source>单位编码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>水印</source>
        <translation>Watermark</translation>
    </message>
    <message>
        <source>系统</source>
        <extracomment>The program&apos;s own changes (demo data, migrations), as the audit view names their author.</extracomment>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>备份文件 (*.db *.bak *.sqlite);;所有文件 (*)</source>
        <translation>Backup files (*.db *.bak *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>关闭程序时自动备份（有改动时）</source>
        <translation>Back up automatically on exit (when something changed)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>自动备份</source>
        <translation>Automatic backups</translation>
    </message>
    <message>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>保留最近</source>
        <translation>Keep the newest</translation>
    </message>
    <message>
        <source>立即备份到…</source>
        <translation>Back up now to…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>备份设置已保存</source>
        <translation>Backup settings saved</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <source>已备份到 {path}</source>
        <translation>Backed up to {path}</translation>
    </message>
    <message>
        <source>备份中的身份证号和电话已加密，不含密钥。在另一台电脑上恢复时，还需要密钥文件“{key}”：请另行妥善保管（不要与备份放在一起）。</source>
        <translation>ID numbers and phone numbers in the backup are encrypted; the key is not in it. To restore on another computer you also need the key file “{key}”: keep it safe, separately (not together with the backup).</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>用备份“{backup}”替换当前数据库？
当前数据库会改名保留；恢复后程序将关闭，请重新启动。</source>
        <translation>Replace the current database with the backup “{backup}”?
The current database is kept under another name; the program closes after the restore, please start it again.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>已恢复。原数据库保留为 {kept}。程序现在关闭，请重新启动。</source>
        <translation>Restored. The previous database was kept as {kept}. The program closes now; please start it again.</translation>
    </message>
    <message>
        <source>备份与恢复(&amp;B)…</source>
        <translation>&amp;Backup and restore…</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>修改证书</source>
        <translation>Edit certificate</translation>
    </message>
    <message>
        <source>添加证书</source>
        <translation>Add certificate</translation>
    </message>
    <message>
        <source>如：应急救援员、红十字救护员、电工证</source>
        <translation>e.g. emergency rescuer, Red Cross first aider, electrician</translation>
    </message>
    <message>
        <source>如：县应急管理局</source>
        <translation>e.g. county emergency management bureau</translation>
    </message>
    <message>
        <source>长期有效留空</source>
        <translation>Leave empty if it never expires</translation>
    </message>
    <message>
        <source>证书名称</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>发证机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>有效期不是有效日期，请按 2026-11-22 的格式填写</source>
        <translation>The validity date is not a date; please write it as 2026-11-22</translation>
    </message>
    <message>
        <source>已保存证书：{name}</source>
        <translation>Certificate saved: {name}</translation>
    </message>
</context>
<context>
    <name>CertificatesBox</name>
    <message>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>添加证书…</source>
        <translation>Add certificate…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>保存队员后再登记证书。</source>
        <translation>Save the member first, then record the certificates.</translation>
    </message>
    <message>
        <source>确定删除证书“{name}”吗？</source>
        <translation>Delete the certificate “{name}”?</translation>
    </message>
    <message>
        <source>已删除证书：{name}</source>
        <translation>Certificate deleted: {name}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
</context>
<context>
    <name>CloseIncidentDialog</name>
    <message>
        <source>结束事件</source>
        <translation>Close incident</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>请填写结束日期（如 2026-11-22）</source>
        <translation>Please fill in the end date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>事件已结束：{name}</source>
        <translation>Incident closed: {name}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>行</source>
        <extracomment>Lines named one by one in the confirmation of a reversal.</extracomment>
        <translation>Line</translation>
    </message>
    <message>
        <source>物资编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <source>物资名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>规格型号</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>expired</translation>
    </message>
    <message>
        <source>（已过期）</source>
        <translation> (expired)</translation>
    </message>
    <message>
        <source>证书名称</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>发证机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>序列号</source>
        <translation>Serial no.</translation>
    </message>
    <message>
        <source>账面数</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>实盘数</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>盈亏</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>改动的字段</source>
        <translation>Fields changed</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>{n}个月</source>
        <translation>{n} months</translation>
    </message>
    <message>
        <source>{n}天</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>保质期</source>
        <translation>Shelf life</translation>
    </message>
    <message>
        <source>保养周期</source>
        <translation>Maintenance interval</translation>
    </message>
    <message>
        <source>按序列号</source>
        <translation>By serial</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>仓库编号</source>
        <translation>Depot code</translation>
    </message>
    <message>
        <source>仓库名称</source>
        <translation>Depot name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>负责的仓库</source>
        <translation>Depots kept</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>事件编号</source>
        <translation>Incident no.</translation>
    </message>
    <message>
        <source>事件名称</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>单据数</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>面积(㎡)</source>
        <translation>Area (m²)</translation>
    </message>
    <message>
        <source>在库批次</source>
        <translation>Lots held</translation>
    </message>
    <message>
        <source>保管员</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>调拨单号</source>
        <translation>Transfer no.</translation>
    </message>
    <message>
        <source>调出日期</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>调出仓库</source>
        <translation>Sending depot</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>队伍</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>在队人员</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>库存批次</source>
        <translation>Stock lots</translation>
    </message>
    <message>
        <source>装备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>缺失</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>不足/到期</source>
        <translation>Short / due</translation>
    </message>
    <message>
        <source>最近数据包</source>
        <translation>Last package</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>配备给</source>
        <translation>Held by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>购置日期</source>
        <translation>Purchased</translation>
    </message>
    <message>
        <source>上次保养</source>
        <translation>Last maintained</translation>
    </message>
    <message>
        <source>下次保养</source>
        <translation>Next maintenance</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>所在</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>日期</source>
        <extracomment>Movements a stock card reads at a time: a few screens, so it opens fast and scrolls smoothly.</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Posted by</translation>
    </message>
    <message>
        <source>保养人</source>
        <translation>Done by</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>物资（编码或名称）</source>
        <translation>Item (code or name)</translation>
    </message>
    <message>
        <source>可用</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>单价(元)</source>
        <translation>Unit price (CNY)</translation>
    </message>
    <message>
        <source>报损原因</source>
        <translation>Write-off reason</translation>
    </message>
    <message>
        <source>序列号（逗号分隔）</source>
        <translation>Serials (a, b, …)</translation>
    </message>
    <message>
        <source>过期放行理由</source>
        <translation>Reason to issue expired lot</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>离任日期</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>演练名称</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Emergency plan</translation>
    </message>
    <message>
        <source>参演人数</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>综合演练</source>
        <translation>Comprehensive</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>培训对象</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>培训内容</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>要求事项</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>现有</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>差距</source>
        <translation>Gap</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>规则编号</source>
        <translation>Rule no.</translation>
    </message>
    <message>
        <source>红冲{type}</source>
        <translation>Reversal of {type}</translation>
    </message>
    <message>
        <source>单据号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>往来单位</source>
        <translation>Counterparty</translation>
    </message>
    <message>
        <source>收入</source>
        <translation>In</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>结存</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>仓库数</source>
        <translation>Depots</translation>
    </message>
    <message>
        <source>批次数</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>最早有效期</source>
        <translation>Earliest expiry</translation>
    </message>
    <message>
        <source>调入仓库</source>
        <translation>Receiving depot</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>红冲</source>
        <translation>Reversed by</translation>
    </message>
    <message>
        <source>在队</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已离队</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>人均定额</source>
        <translation>Per person</translation>
    </message>
    <message>
        <source>需要</source>
        <translation>Needed</translation>
    </message>
    <message>
        <source>缺口</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>来源</source>
        <extracomment>One line under an item: a draw from a depot, or a reserve agreement that could cover it.</extracomment>
        <translation>Source</translation>
    </message>
    <message>
        <source>仓库或协议单位</source>
        <translation>Depot or contracted supplier</translation>
    </message>
    <message>
        <source>批次或协议编号</source>
        <translation>Lot or agreement no.</translation>
    </message>
    <message>
        <source>距离</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>队伍类型</source>
        <translation>Team type</translation>
    </message>
    <message>
        <source>队伍名称</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>性质</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>在队人数</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>队长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>明细</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Founded</translation>
    </message>
    <message>
        <source>队伍编号</source>
        <translation>Team code</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>专兼职</source>
        <translation>Full/part time</translation>
    </message>
    <message>
        <source>入队日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>离队日期</source>
        <translation>Left on</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>截止日</source>
        <translation>Cut-off</translation>
    </message>
    <message>
        <source>结存行数</source>
        <translation>Balance lines</translation>
    </message>
    <message>
        <source>流水链</source>
        <translation>Chain link</translation>
    </message>
    <message>
        <source>结账人</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>整改状态</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>（已停用）</source>
        <extracomment>Role carrying the raw value a column sorts on. Role carrying the whole frozen row. The measuring unit of a quantity column (totals are added up per unit). Whether the column adds up to a 合计 under the table. Text colour of records that are 停用.</extracomment>
        <translation> (disabled)</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>确认属性</source>
        <translation>Confirm attribute</translation>
    </message>
    <message>
        <source>属性</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>确认日期</source>
        <translation>Confirmed on</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>已有确认</source>
        <translation>Existing confirmations</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>请填写确认日期（如 2026-11-22）</source>
        <translation>Please fill in the confirmation date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>已确认：{attribute}</source>
        <translation>Confirmed: {attribute}</translation>
    </message>
</context>
<context>
    <name>CoordinatesField</name>
    <message>
        <source>如 116.587245</source>
        <translation>e.g. 116.587245</translation>
    </message>
    <message>
        <source>如 35.414982</source>
        <translation>e.g. 35.414982</translation>
    </message>
    <message>
        <source>WGS-84 十进制度数（手机地图或 GPS 读数）；应急推演据此按距离排列邻近乡镇的仓库</source>
        <translation>WGS-84 decimal degrees (from a phone map or GPS); readiness orders other towns&apos; depots by distance with them</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>年-月-日</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <source>选择日期</source>
        <translation>Pick a date</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>演示数据：这是虚构的河清县，不是本单位的台账；在这里录入的内容不会进入本单位数据。</source>
        <extracomment>The office&apos;s own database, to go back to from the demo file (&quot;&quot; = the default file).</extracomment>
        <translation>Demo data: this is the fictional Heqing County, not your office&apos;s ledger; nothing entered here reaches your office&apos;s data.</translation>
    </message>
    <message>
        <source>返回本单位数据</source>
        <translation>Back to my office&apos;s data</translation>
    </message>
    <message>
        <source>演示数据（河清县）</source>
        <translation>Demo data (Heqing County)</translation>
    </message>
</context>
<context>
    <name>DepotDialog</name>
    <message>
        <source>修改仓库</source>
        <translation>Edit depot</translation>
    </message>
    <message>
        <source>新增仓库</source>
        <translation>New depot</translation>
    </message>
    <message>
        <source>如：城关镇应急物资储备库</source>
        <translation>e.g. Chengguan Town emergency depot</translation>
    </message>
    <message>
        <source>如：乡镇储备库、村级储备点</source>
        <translation>e.g. town depot, village storage point</translation>
    </message>
    <message>
        <source>平方米</source>
        <translation>square metres</translation>
    </message>
    <message>
        <source>仓库编号</source>
        <translation>Depot code</translation>
    </message>
    <message>
        <source>仓库名称</source>
        <translation>Depot name</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>仓库类型</source>
        <translation>Depot kind</translation>
    </message>
    <message>
        <source>面积</source>
        <translation>Floor area</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>保管员</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <source>经纬度</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>已保存仓库：{name}</source>
        <translation>Depot saved: {name}</translation>
    </message>
</context>
<context>
    <name>DepotsTab</name>
    <message>
        <source>新增仓库</source>
        <translation>New depot</translation>
    </message>
    <message>
        <source>修改仓库</source>
        <translation>Edit depot</translation>
    </message>
</context>
<context>
    <name>DocumentDate</name>
    <message>
        <source>{what}日期 {date} 晚于今天（{today}），还没有到。</source>
        <translation>The {what} date {date} is after today ({today}); it has not come yet.</translation>
    </message>
    <message>
        <source>{what}日期 {date} 是 {days} 天前，超过了本单位设置的 {limit} 天。</source>
        <translation>The {what} date {date} is {days} days ago, more than the {limit} days your office allows.</translation>
    </message>
    <message>
        <source>年份 {year} 是否输错了？</source>
        <translation>Is the year {year} a typo?</translation>
    </message>
    <message>
        <source>确定按 {date} 过账吗？</source>
        <translation>Post with the date {date}?</translation>
    </message>
    <message>
        <source>按此日期过账</source>
        <translation>Post with this date</translation>
    </message>
    <message>
        <source>修改日期</source>
        <translation>Change the date</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>录入单据</source>
        <translation>Enter document</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>如 K01-CK-2026-00012</source>
        <translation>e.g. K01-CK-2026-00012</translation>
    </message>
    <message>
        <source>全面盘点</source>
        <translation>Full count</translation>
    </message>
    <message>
        <source>部分盘点</source>
        <translation>Partial count</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>单据类型</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>调入仓库</source>
        <translation>Receiving depot</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>盘点范围</source>
        <translation>Count scope</translation>
    </message>
    <message>
        <source>盘点类别</source>
        <translation>Category counted</translation>
    </message>
    <message>
        <source>往来单位</source>
        <translation>Counterparty</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>原出库单</source>
        <translation>Original issue</translation>
    </message>
    <message>
        <source>报损原因</source>
        <translation>Write-off reason</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>保管员</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>过账 (Ctrl+S)</source>
        <translation>Post (Ctrl+S)</translation>
    </message>
    <message>
        <source>过账并打印 (Ctrl+P)</source>
        <translation>Post and print (Ctrl+P)</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Enter 下一格 · 输入物资编码或名称或扫码 · Ctrl+D 复制上一行 · Ctrl+Delete 删除行 · Ctrl+S 过账 · Esc 取消</source>
        <translation>Enter next cell · type an item code or name, or scan · Ctrl+D copy line above · Ctrl+Delete delete line · Ctrl+S post · Esc cancel</translation>
    </message>
    <message>
        <source>已复制 {number} 的明细，日期为今天；核对后按 Ctrl+S 过账。</source>
        <translation>Lines copied from {number}, dated today; check them, then press Ctrl+S to post.</translation>
    </message>
    <message>
        <source>调出仓库</source>
        <translation>Sending depot</translation>
    </message>
    <message>
        <source>录入{type}</source>
        <translation>Enter {type}</translation>
    </message>
    <message>
        <source>这张单据还没有过账，放弃录入的内容吗？</source>
        <translation>This document has not been posted. Discard what was entered?</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>继续录入</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>单据</source>
        <translation>document</translation>
    </message>
    <message>
        <source>请至少录入一行物资</source>
        <translation>Please enter at least one item line</translation>
    </message>
    <message>
        <source>请填写物资</source>
        <translation>Please fill in the item</translation>
    </message>
    <message>
        <source>第{n}行的有效期或单价不是有效的日期或数值</source>
        <translation>The expiry or unit price on line {n} is not a valid date or number</translation>
    </message>
    <message>
        <source>请填写单据日期（如 2026-11-22）</source>
        <translation>Please fill in the document date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>第{n}行：</source>
        <translation>Line {n}: </translation>
    </message>
    <message>
        <source>已过账：{type} {number}。可以继续录入下一张。</source>
        <translation>Posted: {type} {number}. You can enter the next one.</translation>
    </message>
</context>
<context>
    <name>DocumentRecords</name>
    <message>
        <source>新建事件…</source>
        <translation>New incident…</translation>
    </message>
    <message>
        <source>新增物资…</source>
        <translation>New item…</translation>
    </message>
    <message>
        <source>物资目录中没有录入的物资时，新增到目录并填入该行</source>
        <translation>When the typed item is not in the catalogue: add it and put it in the line</translation>
    </message>
    <message>
        <source>新增物资“{name}”…</source>
        <translation>New item “{name}”…</translation>
    </message>
</context>
<context>
    <name>DocumentViewDialog</name>
    <message>
        <source>{type} {number}</source>
        <translation>{type} {number}</translation>
    </message>
    <message>
        <source>红冲此单…</source>
        <translation>Reverse this document…</translation>
    </message>
    <message>
        <source>复制单据…</source>
        <translation>Copy document…</translation>
    </message>
    <message>
        <source>按这张单据的明细新录一张（如每月的定期领用）</source>
        <translation>Enter a new document with this document&apos;s lines (e.g. a monthly recurring issue)</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>红冲单（冲销 {number}）</source>
        <translation>Reversal (cancels {number})</translation>
    </message>
    <message>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>调入仓库</source>
        <translation>Receiving depot</translation>
    </message>
    <message>
        <source>往来单位</source>
        <translation>Counterparty</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>原出库单</source>
        <translation>Original issue</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>保管员</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>已被红冲</source>
        <translation>Reversed by</translation>
    </message>
    <message>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>单据号、往来单位或备注</source>
        <translation>Number, counterparty or note</translation>
    </message>
    <message>
        <source>全部事件</source>
        <translation>All incidents</translation>
    </message>
    <message>
        <source>查看单据</source>
        <translation>View document</translation>
    </message>
    <message>
        <source>红冲…</source>
        <translation>Reverse…</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>共 {n} 张单据</source>
        <translation>{n} documents</translation>
    </message>
</context>
<context>
    <name>DraftPlanDialog</name>
    <message>
        <source>确认调拨方案</source>
        <translation>Confirm the transfer plan</translation>
    </message>
    <message>
        <source>不调拨：直接出库到事件</source>
        <translation>No transfer: issue straight to the incident</translation>
    </message>
    <message>
        <source>按调出仓库各生成一张单据草稿，不改变库存；由保管员在“单据草稿”中登记。</source>
        <translation>One draft per sending depot; stock does not change until a keeper posts it under “Drafts”.</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>调入仓库</source>
        <translation>Receiving depot</translation>
    </message>
    <message>
        <source>生成草稿</source>
        <translation>Make drafts</translation>
    </message>
    <message>
        <source>还没有事件：请先登记事件（可从 Excel 导入“事件”工作表）</source>
        <translation>No incident yet: record one first (or import the “事件” sheet from Excel)</translation>
    </message>
    <message>
        <source>已生成单据草稿，待保管员登记</source>
        <translation>Drafts made; a keeper posts them</translation>
    </message>
</context>
<context>
    <name>Drafting</name>
    <message>
        <source>预算：人均经费不检查</source>
        <translation>Budget: spending per person is not checked</translation>
    </message>
    <message>
        <source>资金：金额不检查</source>
        <translation>Money: amounts are not checked</translation>
    </message>
    <message>
        <source>结果：占GDP比例不检查</source>
        <translation>Outcome: shares of GDP are not checked</translation>
    </message>
    <message>
        <source>结果：安全或灾害结果不检查</source>
        <translation>Outcome: safety or disaster outcomes are not checked</translation>
    </message>
    <message>
        <source>期限：项目期限不检查</source>
        <translation>Deadline: project deadlines are not checked</translation>
    </message>
    <message>
        <source>基线：“十三五”数字或现状</source>
        <translation>Baseline: a 13th five-year figure or the present state</translation>
    </message>
    <message>
        <source>无台账数据：响应时间</source>
        <translation>No ledger data: response times</translation>
    </message>
    <message>
        <source>无台账数据：比例指标</source>
        <translation>No ledger data: a percentage target</translation>
    </message>
    <message>
        <source>未识别：请人工核对</source>
        <translation>Not recognised: check by hand</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>登记演练</source>
        <translation>Record drill</translation>
    </message>
    <message>
        <source>如：2026年防汛应急演练</source>
        <translation>e.g. 2026 flood emergency drill</translation>
    </message>
    <message>
        <source>演练的应急预案</source>
        <translation>Emergency plan exercised</translation>
    </message>
    <message>
        <source>综合演练</source>
        <translation>Comprehensive</translation>
    </message>
    <message>
        <source>演练日期</source>
        <translation>Drill date</translation>
    </message>
    <message>
        <source>演练名称</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Emergency plan</translation>
    </message>
    <message>
        <source>参演人数</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>请填写演练日期（如 2026-11-22）</source>
        <translation>Please fill in the drill date (e.g. 2026-11-22)</translation>
    </message>
</context>
<context>
    <name>Entry</name>
    <message>
        <source>物资“{text}”已停用；需要时请在物资目录中启用</source>
        <extracomment>Emitted with the row whose item was just chosen (the form suggests a lot). Emitted with the row whose quantity was just typed. Emitted with the row whose lot was just typed. The catalogue item a scanned equipment serial (EQ: label) belongs to, if any.</extracomment>
        <translation>The item “{text}” is disabled; enable it in the catalogue if it is needed</translation>
    </message>
    <message>
        <source>有多个物资与“{text}”相符，请从列表中选择</source>
        <translation>Several items match “{text}”; please pick one from the list</translation>
    </message>
    <message>
        <source>物资目录中没有“{text}”</source>
        <translation>“{text}” is not in the catalogue</translation>
    </message>
    <message>
        <source>超出可用数量：本批次可用 {qty}</source>
        <translation>More than available: this lot has {qty}</translation>
    </message>
    <message>
        <source>未盘</source>
        <translation>Not counted</translation>
    </message>
</context>
<context>
    <name>Enum</name>
    <message>
        <source>防汛抗旱</source>
        <translation>Flood control and drought relief</translation>
    </message>
    <message>
        <source>森林防灭火</source>
        <translation>Forest fire prevention</translation>
    </message>
    <message>
        <source>矿山救援</source>
        <translation>Mine rescue</translation>
    </message>
    <message>
        <source>危化救援</source>
        <translation>Hazardous chemicals rescue</translation>
    </message>
    <message>
        <source>生活保障</source>
        <translation>Living supplies</translation>
    </message>
    <message>
        <source>医疗卫生</source>
        <translation>Medical</translation>
    </message>
    <message>
        <source>通信</source>
        <translation>Communications</translation>
    </message>
    <message>
        <source>个体防护</source>
        <translation>Personal protection</translation>
    </message>
    <message>
        <source>照明动力</source>
        <translation>Lighting and power</translation>
    </message>
    <message>
        <source>地震救援</source>
        <translation>Earthquake rescue</translation>
    </message>
    <message>
        <source>道路抢通</source>
        <translation>Road clearing</translation>
    </message>
    <message>
        <source>消防</source>
        <translation>Fire fighting</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <source>捐赠方</source>
        <translation>Donor</translation>
    </message>
    <message>
        <source>领用单位</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <source>救援队伍</source>
        <translation>Rescue teams</translation>
    </message>
    <message>
        <source>储备企业</source>
        <translation>Reserve enterprise</translation>
    </message>
    <message>
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>入库单</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>出库单</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>调拨单</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>报损单</source>
        <translation>Write-off</translation>
    </message>
    <message>
        <source>盘点表</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>归还单</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>在库</source>
        <translation>In stock</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>维修</source>
        <translation>Under repair</translation>
    </message>
    <message>
        <source>报废</source>
        <translation>Scrapped</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>洪涝</source>
        <translation>Flood</translation>
    </message>
    <message>
        <source>火灾</source>
        <translation>Fire</translation>
    </message>
    <message>
        <source>森林火灾</source>
        <translation>Forest fire</translation>
    </message>
    <message>
        <source>地震</source>
        <translation>Earthquake</translation>
    </message>
    <message>
        <source>地质灾害</source>
        <translation>Geological hazard</translation>
    </message>
    <message>
        <source>生产安全事故</source>
        <translation>Work-safety accident</translation>
    </message>
    <message>
        <source>雪灾冰冻</source>
        <translation>Snow and ice</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drills</translation>
    </message>
    <message>
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>市</source>
        <translation>City</translation>
    </message>
    <message>
        <source>县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>街道</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <source>功能区</source>
        <translation>Functional zone</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>专职</source>
        <translation>Full-time</translation>
    </message>
    <message>
        <source>兼职</source>
        <translation>Part-time</translation>
    </message>
    <message>
        <source>志愿</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>应急管理员</source>
        <translation>Emergency officer</translation>
    </message>
    <message>
        <source>灾害信息员</source>
        <translation>Disaster informant</translation>
    </message>
    <message>
        <source>灾害信息员(B岗)</source>
        <translation>Disaster informant (deputy)</translation>
    </message>
    <message>
        <source>安全劝导员</source>
        <translation>Safety advisor</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation>Enforcement officer</translation>
    </message>
    <message>
        <source>损坏</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <source>过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>丢失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>被盗</source>
        <translation>Stolen</translation>
    </message>
    <message>
        <source>救灾消耗</source>
        <translation>Consumed in relief</translation>
    </message>
    <message>
        <source>盘盈</source>
        <translation>Stocktake gain</translation>
    </message>
    <message>
        <source>盘亏</source>
        <translation>Stocktake loss</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>逾期未整改</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <source>实物储备</source>
        <translation>Physical reserve</translation>
    </message>
    <message>
        <source>协议储备</source>
        <translation>Contract reserve</translation>
    </message>
    <message>
        <source>产能储备</source>
        <translation>Capacity reserve</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>应急办</source>
        <translation>Emergency office</translation>
    </message>
    <message>
        <source>保管员</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>Read only</translation>
    </message>
    <message>
        <source>综合</source>
        <translation>Comprehensive</translation>
    </message>
    <message>
        <source>矿山</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>危化</source>
        <translation>Hazardous chemicals</translation>
    </message>
    <message>
        <source>应急通信</source>
        <translation>Emergency communications</translation>
    </message>
    <message>
        <source>机构工作人员</source>
        <translation>Office staff</translation>
    </message>
    <message>
        <source>救援队员</source>
        <translation>Team member</translation>
    </message>
</context>
<context>
    <name>EquipmentDialog</name>
    <message>
        <source>新增装备</source>
        <translation>New equipment</translation>
    </message>
    <message>
        <source>输入编码或名称选取（按序列号管理的物资）</source>
        <translation>Type a code or name (serial-tracked items)</translation>
    </message>
    <message>
        <source>配备给</source>
        <translation>Held by</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>序列号</source>
        <translation>Serial no.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>购置日期</source>
        <translation>Purchased</translation>
    </message>
    <message>
        <source>上次保养</source>
        <translation>Last maintained</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请从列表中选择按序列号管理的物资</source>
        <translation>Please pick a serial-tracked item from the list</translation>
    </message>
    <message>
        <source>已登记装备：{serial}</source>
        <translation>Equipment recorded: {serial}</translation>
    </message>
</context>
<context>
    <name>EquipmentPage</name>
    <message>
        <source>序列号或装备名称</source>
        <translation>Serial no. or equipment</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>只看保养到期</source>
        <translation>Maintenance due only</translation>
    </message>
    <message>
        <source>左侧所选单位还没有装备（或没有符合筛选条件的）。点“新增装备…”登记。</source>
        <translation>The unit chosen on the left has no equipment yet (or none matches the filter). Click “New equipment…” to register it.</translation>
    </message>
    <message>
        <source>保养记录</source>
        <translation>Maintenance log</translation>
    </message>
    <message>
        <source>登记保养…</source>
        <translation>Record maintenance…</translation>
    </message>
    <message>
        <source>按住 Ctrl 或 Shift 选中多件装备，可一次登记同一次保养</source>
        <translation>Hold Ctrl or Shift to select several pieces and record one maintenance for all of them</translation>
    </message>
    <message>
        <source>新增装备…</source>
        <translation>New equipment…</translation>
    </message>
    <message>
        <source>{holder}：共 {n} 台（套）装备。红色：保养已逾期&#x3000;黄色：{days} 天内到期</source>
        <translation>{holder}: {n} pieces of equipment. Red: maintenance overdue   Amber: due within {days} days</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>保养记录：{item} {serial}</source>
        <translation>Maintenance log: {item} {serial}</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>已接收（{number}）</source>
        <translation>Received ({number})</translation>
    </message>
    <message>
        <source>已红冲</source>
        <translation>Reversed</translation>
    </message>
    <message>
        <source>在途</source>
        <translation>In transit</translation>
    </message>
    <message>
        <source>在途调拨</source>
        <translation>Transfers in transit</translation>
    </message>
    <message>
        <source>调往其他办公室仓库的物资，调出方只登记出库，物资处于在途状态；数据包送达后，由调入方在此接收，登记入库单。</source>
        <translation>Stock sent to another office&apos;s depot is only issued by the sender and stays in transit; once the package has arrived, the receiving office receives it here with a receipt.</translation>
    </message>
    <message>
        <source>接收选中的调拨</source>
        <translation>Receive selected transfer</translation>
    </message>
    <message>
        <source>请先选中一张调拨单</source>
        <translation>Select a transfer first</translation>
    </message>
    <message>
        <source>已接收，入库单 {number}</source>
        <translation>Received, receipt {number}</translation>
    </message>
    <message>
        <source>第 {n} 号</source>
        <translation>No. {n}</translation>
    </message>
    <message>
        <source>本库录入</source>
        <translation>Kept here</translation>
    </message>
    <message>
        <source>双击一个区县，查看它的全县汇总</source>
        <translation>Double-click a county to see its county overview</translation>
    </message>
    <message>
        <source>{name}及下辖各区县，截至 {day}（短板按各单位绑定的规划检查；双击区县查看全县汇总）</source>
        <translation>{name} and its counties, as of {day} (shortfalls checked against each unit&apos;s bound plan; double-click a county for its county overview)</translation>
    </message>
    <message>
        <source>导出{title}</source>
        <translation>Export {title}</translation>
    </message>
    <message>
        <source>{title}.xlsx</source>
        <translation>{title}.xlsx</translation>
    </message>
    <message>
        <source>全市汇总</source>
        <translation>City overview</translation>
    </message>
    <message>
        <source>全县汇总</source>
        <translation>County overview</translation>
    </message>
    <message>
        <source>各区县短板</source>
        <translation>Shortfalls by county</translation>
    </message>
    <message>
        <source>各区县在队人员</source>
        <translation>Active members by county</translation>
    </message>
    <message>
        <source>各区县库存批次</source>
        <translation>Stock lots by county</translation>
    </message>
    <message>
        <source>各区县装备，台（套）</source>
        <translation>Equipment by county, sets</translation>
    </message>
    <message>
        <source>各乡镇短板</source>
        <translation>Shortfalls by town</translation>
    </message>
    <message>
        <source>各乡镇在队人员</source>
        <translation>Active members by town</translation>
    </message>
    <message>
        <source>各乡镇库存批次</source>
        <translation>Stock lots by town</translation>
    </message>
    <message>
        <source>各乡镇装备，台（套）</source>
        <translation>Equipment by town (pieces)</translation>
    </message>
    <message>
        <source>短板</source>
        <translation>Shortfalls</translation>
    </message>
    <message>
        <source>在队人员</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>库存批次</source>
        <translation>Stock lots</translation>
    </message>
    <message>
        <source>装备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{name}及下辖各乡镇，截至 {day}（短板按各单位绑定的规划检查）</source>
        <translation>{name} and its towns, as of {day} (shortfalls against each unit&apos;s plan)</translation>
    </message>
    <message>
        <source>本库中没有县级单位</source>
        <translation>This database has no county</translation>
    </message>
    <message>
        <source>合计：队伍 {teams} 支，在队人员 {members} 人，仓库 {depots} 个，库存批次 {lots} 个，装备 {equipment} 台（套）</source>
        <translation>Total: {teams} teams, {members} active members, {depots} depots, {lots} stock lots, {equipment} pieces of equipment</translation>
    </message>
    <message>
        <source>；短板：缺失 {red} 项，不足/到期 {amber} 项</source>
        <translation>; shortfalls: {red} missing, {amber} short/due</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法写入文件：{error}</source>
        <translation>Cannot write the file: {error}</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>数据交换包 (*.zip);;所有文件 (*)</source>
        <translation>Exchange packages (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>公钥文件 (*.pub *.json);;所有文件 (*)</source>
        <translation>Public key files (*.pub *.json);;All files (*)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>增量：上一个数据包以来的变化</source>
        <translation>Incremental: changes since the last package</translation>
    </message>
    <message>
        <source>完整：本办公室的全部数据</source>
        <translation>Full: all of this office&apos;s records</translation>
    </message>
    <message>
        <source>导出数据交换包</source>
        <translation>Export exchange package</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>请先在“组织机构”中建立本单位</source>
        <translation>Create your unit under Organisation first</translation>
    </message>
    <message>
        <source>用户“{user}”无权导出数据交换包</source>
        <translation>User “{user}” may not export exchange packages</translation>
    </message>
    <message>
        <source>导出哪个单位的数据</source>
        <translation>Export the records of which unit</translation>
    </message>
    <message>
        <source>数据包保存到</source>
        <translation>Save package to</translation>
    </message>
    <message>
        <source>正在导出数据包……</source>
        <translation>Exporting the package…</translation>
    </message>
    <message>
        <source>完整</source>
        <translation>full</translation>
    </message>
    <message>
        <source>增量</source>
        <translation>incremental</translation>
    </message>
    <message>
        <source>已导出{unit}的第 {seq} 号数据包（{kind}）：{path}</source>
        <translation>Exported package no. {seq} of {unit} ({kind}): {path}</translation>
    </message>
    <message>
        <source>用户“{user}”无权导入数据交换包</source>
        <translation>User “{user}” may not import exchange packages</translation>
    </message>
    <message>
        <source>选择数据交换包</source>
        <translation>Choose an exchange package</translation>
    </message>
    <message>
        <source>正在核对数据包……</source>
        <translation>Checking the package…</translation>
    </message>
    <message>
        <source>导入数据交换包</source>
        <translation>Import exchange package</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>路径</source>
        <translation>path</translation>
    </message>
    <message>
        <source>本机属于哪个单位</source>
        <translation>Which unit does this PC keep</translation>
    </message>
    <message>
        <source>公钥文件保存到</source>
        <translation>Save public key file to</translation>
    </message>
    <message>
        <source>无法写入“{path}”：{reason}</source>
        <translation>Cannot write “{path}”: {reason}</translation>
    </message>
    <message>
        <source>公钥文件已保存到 {path}
指纹：{fingerprint}
请交给对方办公室登记，并电话核对指纹。</source>
        <translation>Public key file saved to {path}
Fingerprint: {fingerprint}
Give it to the other office to register, and compare the fingerprint by phone.</translation>
    </message>
    <message>
        <source>用户“{user}”无权登记发送方</source>
        <translation>User “{user}” may not register senders</translation>
    </message>
    <message>
        <source>选择对方的公钥文件</source>
        <translation>Choose the other office&apos;s public key file</translation>
    </message>
    <message>
        <source>登记单位 {unit} 的电脑（安装编号 {installation}）为发送方？
指纹：{fingerprint}</source>
        <translation>Register the PC of unit {unit} (installation {installation}) as a sender?
Fingerprint: {fingerprint}</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>该单位已登记了另一台电脑。确已更换电脑，用这台替换原登记？</source>
        <translation>Another PC is registered for this unit. If the office really changed PCs, replace it with this one?</translation>
    </message>
    <message>
        <source>替换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>已登记：{name}（{code}）</source>
        <translation>Registered: {name} ({code})</translation>
    </message>
    <message>
        <source>导出数据交换包…</source>
        <translation>Export exchange package…</translation>
    </message>
    <message>
        <source>导入数据交换包…</source>
        <translation>Import exchange package…</translation>
    </message>
    <message>
        <source>导出本机公钥…</source>
        <translation>Export this PC&apos;s public key…</translation>
    </message>
    <message>
        <source>登记发送方…</source>
        <translation>Register sender…</translation>
    </message>
    <message>
        <source>在途调拨…</source>
        <translation>Transfers in transit…</translation>
    </message>
    <message>
        <source>全县（全市）汇总…</source>
        <translation>County (city) overview…</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>选择规划文本</source>
        <translation>Choose the plan&apos;s text</translation>
    </message>
    <message>
        <source>支持文本（.txt）、Word（.docx）和带文字层的 PDF；扫描件请先做文字识别。</source>
        <translation>Plain text (.txt), Word (.docx) and PDF with a text layer; run text recognition (OCR) on a scan first.</translation>
    </message>
    <message>
        <source>规划文件的位置</source>
        <translation>Where the plan file is</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>规划文本 (*.txt *.docx *.pdf)</source>
        <translation>Plan text (*.txt *.docx *.pdf)</translation>
    </message>
    <message>
        <source>{title}
文号：{number}&#x3000;发文机关：{issuer}&#x3000;日期：{date}</source>
        <translation>{title}
Number: {number}   Issuer: {issuer}   Date: {date}</translation>
    </message>
    <message>
        <source>无文号</source>
        <translation>no number</translation>
    </message>
    <message>
        <source>未署</source>
        <translation>not stated</translation>
    </message>
    <message>
        <source>未署日期</source>
        <translation>undated</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>首次启动 — 应急资源台账</source>
        <extracomment>Where the demo county is built and opened: its own file in the data folder.</extracomment>
        <translation>First start — Emergency Resource Ledger</translation>
    </message>
    <message>
        <source>欢迎使用应急资源台账。数据库还是空的：请填写本单位所在的县和乡镇及适用的规划，或导入已有的工作簿，也可以先打开演示县（虚构的河清县）看一看。</source>
        <translation>Welcome to the Emergency Resource Ledger. The database is still empty: enter your office&apos;s county and town and the plan that applies, or import an existing workbook, or open the demo county (the fictional Heqing County) to look around first.</translation>
    </message>
    <message>
        <source>新建本单位：填写县和乡镇</source>
        <translation>Set up my office: enter county and town</translation>
    </message>
    <message>
        <source>导入工作簿（组织机构及其他工作表）…</source>
        <translation>Import a workbook (organisation and other sheets)…</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>本单位</source>
        <translation>My office</translation>
    </message>
    <message>
        <source>例如：荥阳市</source>
        <translation>e.g. Xingyang</translation>
    </message>
    <message>
        <source>例如：豫龙镇（县级应急局可不填）</source>
        <translation>e.g. Yulong Town (a county bureau may leave this empty)</translation>
    </message>
    <message>
        <source>打开演示县（河清县，虚构数据，单独的演示文件）</source>
        <translation>Open the demo county (Heqing County, fictional data, in a separate demo file)</translation>
    </message>
    <message>
        <source>保存空白模板…</source>
        <translation>Save blank template…</translation>
    </message>
    <message>
        <source>12位统计用区划代码，如 410182000000</source>
        <translation>12-digit statistical region code, e.g. 410182000000</translation>
    </message>
    <message>
        <source>与导入模板相同的12位统计用区划代码；只填前6位时自动补零</source>
        <translation>The 12-digit statistical region code, as in the import template; 6 digits are filled out with zeros</translation>
    </message>
    <message>
        <source>12位统计用区划代码，如 410182101000</source>
        <translation>12-digit statistical region code, e.g. 410182101000</translation>
    </message>
    <message>
        <source>与导入模板相同的12位统计用区划代码；只填前9位时自动补零</source>
        <translation>The 12-digit statistical region code, as in the import template; 9 digits are filled out with zeros</translation>
    </message>
    <message>
        <source>创建后导入本单位下级（村、社区）的工作簿…</source>
        <translation>After creating, import a workbook of the units below (villages, communities)…</translation>
    </message>
    <message>
        <source>工作簿中没有填写上级区划代码的单位，都放在刚创建的乡镇（或县）之下</source>
        <translation>Units of the workbook without a parent region code are placed below the town (or county) just created</translation>
    </message>
    <message>
        <source>本单位是市级应急管理部门（下辖区县）</source>
        <translation>This office is a city&apos;s emergency management bureau (with counties below)</translation>
    </message>
    <message>
        <source>市级：上面填写本市，下面可填写一个下辖区县；各区县的数据由其数据包报送</source>
        <translation>City level: enter the city above and, optionally, one of its counties below; each county&apos;s records arrive in its packages</translation>
    </message>
    <message>
        <source>（暂不选择）</source>
        <translation>(choose later)</translation>
    </message>
    <message>
        <source>县（市、区）</source>
        <translation>County (city, district)</translation>
    </message>
    <message>
        <source>县区划代码</source>
        <translation>County code</translation>
    </message>
    <message>
        <source>县常住人口</source>
        <translation>County population</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Town (subdistrict)</translation>
    </message>
    <message>
        <source>乡镇区划代码</source>
        <translation>Town code</translation>
    </message>
    <message>
        <source>乡镇常住人口</source>
        <translation>Town population</translation>
    </message>
    <message>
        <source>适用规划</source>
        <translation>Plan that applies</translation>
    </message>
    <message>
        <source>市（州、盟）</source>
        <translation>City (prefecture, league)</translation>
    </message>
    <message>
        <source>市区划代码</source>
        <translation>City division code</translation>
    </message>
    <message>
        <source>市常住人口</source>
        <translation>City resident population</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>County (district)</translation>
    </message>
    <message>
        <source>区县区划代码</source>
        <translation>County division code</translation>
    </message>
    <message>
        <source>区县常住人口</source>
        <translation>County resident population</translation>
    </message>
    <message>
        <source>例如：张掖市</source>
        <translation>e.g. Zhangye</translation>
    </message>
    <message>
        <source>例如：甘州区（可不填）</source>
        <translation>e.g. Ganzhou District (optional)</translation>
    </message>
    <message>
        <source>人（可以以后再填）</source>
        <translation>people (can be filled in later)</translation>
    </message>
    <message>
        <source>保存空白导入模板</source>
        <translation>Save the blank import template</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>无法写入“{path}”：{reason}</source>
        <translation>Cannot write “{path}”: {reason}</translation>
    </message>
    <message>
        <source>已保存空白导入模板：{path}
填好后选择“导入工作簿”或勾选“创建后导入”。</source>
        <translation>Blank import template saved: {path}
Once filled in, choose “Import a workbook” or tick “import after creating”.</translation>
    </message>
    <message>
        <source>创建并开始</source>
        <translation>Create and start</translation>
    </message>
    <message>
        <source>选择工作簿…</source>
        <translation>Choose workbook…</translation>
    </message>
    <message>
        <source>打开演示县</source>
        <translation>Open demo county</translation>
    </message>
    <message>
        <source>选择要导入的工作簿</source>
        <translation>Choose the workbook to import</translation>
    </message>
    <message>
        <source>正在生成演示县</source>
        <translation>Building the demo county</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>录入的内容还没有保存，放弃吗？</source>
        <translation>What you typed has not been saved. Discard it?</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>继续录入</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <source>{month}月</source>
        <translation>{month}</translation>
    </message>
    <message>
        <source>{first} 至 {last}</source>
        <translation>{first} to {last}</translation>
    </message>
    <message>
        <source>共 {n} 项</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已过期批次</source>
        <translation>Expired lots</translation>
    </message>
    <message>
        <source>{days}天内到期批次</source>
        <translation>Lots expiring within {days} days</translation>
    </message>
    <message>
        <source>保养逾期装备</source>
        <translation>Equipment overdue for maintenance</translation>
    </message>
    <message>
        <source>证书过期</source>
        <translation>Expired certificates</translation>
    </message>
    <message>
        <source>整改逾期</source>
        <translation>Remedies past due</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>工作台</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>短板：</source>
        <translation>Shortfalls:</translation>
    </message>
    <message>
        <source>各乡镇短板（按严重程度，点击柱条查看该乡镇的短板）</source>
        <translation>Shortfalls by town and severity (click a bar for the town&apos;s findings)</translation>
    </message>
    <message>
        <source>库存（按物资类别，品种数）</source>
        <translation>Stock by category (items)</translation>
    </message>
    <message>
        <source>今后12个月到期批次</source>
        <translation>Lots expiring in the next 12 months</translation>
    </message>
    <message>
        <source>今后12个月到期保养（台/套）</source>
        <translation>Maintenance due in the next 12 months (pieces)</translation>
    </message>
    <message>
        <source>队伍人数与规划最低人数（按级别）</source>
        <translation>Team members against the plans&apos; minimum (by level)</translation>
    </message>
    <message>
        <source>最近登记的单据</source>
        <translation>Latest documents</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>本人负责的单位和仓库</source>
        <translation>Units and depots in my charge</translation>
    </message>
    <message>
        <source>{scope}&#x3000;{day}</source>
        <translation>{scope}  {day}</translation>
    </message>
    <message>
        <source>品种</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>暂无库存</source>
        <translation>No stock</translation>
    </message>
    <message>
        <source>到期批次（{span}）</source>
        <translation>Lots expiring ({span})</translation>
    </message>
    <message>
        <source>到期保养，台（套）（{span}）</source>
        <translation>Maintenance due, pieces ({span})</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>{month}：{n} 个批次，共 {q}</source>
        <translation>{month}: {n} lots, {q} in all</translation>
    </message>
    <message>
        <source>装备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>短板：正在检查……</source>
        <translation>Shortfalls: checking…</translation>
    </message>
    <message>
        <source>短板：未能检查</source>
        <translation>Shortfalls: could not check</translation>
    </message>
    <message>
        <source>短板 {n} 项：</source>
        <translation>{n} shortfalls:</translation>
    </message>
    <message>
        <source>没有短板</source>
        <translation>No shortfalls</translation>
    </message>
    <message>
        <source>在队人数</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>规划最低人数</source>
        <translation>Plans&apos; minimum</translation>
    </message>
    <message>
        <source>暂无队伍</source>
        <translation>No teams</translation>
    </message>
    <message>
        <source>最近一次自动备份：{when}</source>
        <translation>Last automatic backup: {when}</translation>
    </message>
    <message>
        <source>还没有自动备份（文件 → 备份与恢复）</source>
        <translation>No automatic backup yet (File → Backup and restore)</translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <source>导入未完成：工作簿有错误</source>
        <translation>Import not done: the workbook has errors</translation>
    </message>
    <message>
        <source>“{name}”中有 {count} 处错误，未导入任何数据。请按下表改正后重新导入。</source>
        <translation>“{name}” has {count} errors; nothing was imported. Please correct them as listed and import again.</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>另存为工作簿…</source>
        <translation>Save as workbook…</translation>
    </message>
    <message>
        <source>保存错误清单</source>
        <translation>Save the error list</translation>
    </message>
    <message>
        <source>无法保存错误清单：{reason}</source>
        <translation>Could not save the error list: {reason}</translation>
    </message>
    <message>
        <source>错误清单已保存到 {path}</source>
        <translation>Error list saved to {path}</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>修改事件</source>
        <translation>Edit incident</translation>
    </message>
    <message>
        <source>新建事件</source>
        <translation>New incident</translation>
    </message>
    <message>
        <source>留空自动编号，如 SJ-2026-001</source>
        <translation>Leave empty to number automatically, e.g. SJ-2026-001</translation>
    </message>
    <message>
        <source>如：2026年“7·20”暴雨洪涝灾害</source>
        <translation>e.g. the 20 July 2026 rainstorm flood</translation>
    </message>
    <message>
        <source>未结束留空</source>
        <translation>Leave empty while it lasts</translation>
    </message>
    <message>
        <source>如：河口镇沿河村</source>
        <translation>e.g. Yanhe village, Hekou town</translation>
    </message>
    <message>
        <source>事件名称</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>事件编号</source>
        <translation>Incident number</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请填写开始日期（如 2026-11-22）</source>
        <translation>Please fill in the start date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>结束日期不是有效日期，请按 2026-11-22 的格式填写</source>
        <translation>The end date is not a date; please write it as 2026-11-22</translation>
    </message>
    <message>
        <source>已保存事件：{name}</source>
        <translation>Incident saved: {name}</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <source>还没有登记事件。汛情、火情或演练开始时点“新建事件…”，出库单即可选择它。</source>
        <translation>No incident recorded yet. When a flood, a fire or a drill begins, click “New incident…”; issue documents can then name it.</translation>
    </message>
    <message>
        <source>只看进行中</source>
        <translation>Ongoing only</translation>
    </message>
    <message>
        <source>新建事件…</source>
        <translation>New incident…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>结束事件…</source>
        <translation>Close incident…</translation>
    </message>
    <message>
        <source>重新开启</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>共 {n} 个事件，其中进行中 {open} 个</source>
        <translation>{n} incidents, {open} ongoing</translation>
    </message>
    <message>
        <source>事件已重新开启：{name}</source>
        <translation>Incident reopened: {name}</translation>
    </message>
</context>
<context>
    <name>InstallPage</name>
    <message>
        <source>试运行并安装</source>
        <translation>Dry run and install</translation>
    </message>
    <message>
        <source>按当前台账数据试算各条规则；几乎每个单位都不达标的规则请再核对。</source>
        <translation>Each rule is tried on the ledger&apos;s current data; check again any rule that almost every unit fails.</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>适用单位</source>
        <translation>Units it applies to</translation>
    </message>
    <message>
        <source>不达标单位</source>
        <translation>Units short</translation>
    </message>
    <message>
        <source>规划编号</source>
        <translation>Profile id</translation>
    </message>
    <message>
        <source>试运行未完成：规则有误，请返回修改</source>
        <translation>Dry run not done: a rule is invalid, go back and correct it</translation>
    </message>
    <message>
        <source>{date} 试算：{rules} 条规则，{findings} 条短板；{flagged} 条几乎处处不达标（红色）</source>
        <translation>Tried on {date}: {rules} rules, {findings} shortfalls; {flagged} fail almost everywhere (red)</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>修改物资</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <source>新增物资</source>
        <translation>New item</translation>
    </message>
    <message>
        <source>如 FX001；扫码枪可直接扫入</source>
        <translation>e.g. FX001; a barcode scanner can type it</translation>
    </message>
    <message>
        <source>如 条、件、台、套、吨</source>
        <translation>e.g. piece, set, ton</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Unlimited</translation>
    </message>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>无需保养</source>
        <translation>No maintenance</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>按序列号管理（装备）</source>
        <translation>Tracked by serial number (equipment)</translation>
    </message>
    <message>
        <source>物资编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <source>物资名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>规格型号</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>保质期</source>
        <translation>Shelf life</translation>
    </message>
    <message>
        <source>保养周期</source>
        <translation>Maintenance interval</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已保存物资：{name}</source>
        <translation>Item saved: {name}</translation>
    </message>
</context>
<context>
    <name>ItemTotalsTab</name>
    <message>
        <source>物资编码、名称或规格</source>
        <translation>Item code, name or specification</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>按物资汇总</source>
        <translation>Totals by item</translation>
    </message>
    <message>
        <source>物资批次</source>
        <translation>Item lots</translation>
    </message>
    <message>
        <source>选中一种物资，下方列出它在各仓库的批次</source>
        <translation>Select an item to list its lots in every depot below</translation>
    </message>
    <message>
        <source>{name}：{n} 个批次，分布在 {depots} 个仓库</source>
        <translation>{name}: {n} lots in {depots} depots</translation>
    </message>
</context>
<context>
    <name>ItemsTab</name>
    <message>
        <source>编码、名称或规格</source>
        <translation>Code, name or specification</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>新增物资</source>
        <translation>New item</translation>
    </message>
    <message>
        <source>修改物资</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <source>载入标准物资目录…</source>
        <translation>Load the standard catalogue…</translation>
    </message>
    <message>
        <source>共 {n} 种物资</source>
        <translation>{n} items</translation>
    </message>
</context>
<context>
    <name>LedgerError</name>
    <message>
        <source>账户“{user}”已停用，请联系管理员</source>
        <translation>Account “{user}” is disabled; please contact the administrator</translation>
    </message>
    <message>
        <source>账户“{user}”因多次输错密码已锁定，请于 {until} 后再试，或请管理员解锁</source>
        <translation>Account “{user}” is locked after repeated wrong passwords; try again after {until} or ask the administrator to unlock it</translation>
    </message>
    <message>
        <source>单据 {number} 已经红冲，不能再次红冲</source>
        <translation>Document {number} has already been reversed</translation>
    </message>
    <message>
        <source>备份到“{path}”失败：{reason}</source>
        <translation>Backup to “{path}” failed: {reason}</translation>
    </message>
    <message>
        <source>{depot}的{item}已于 {stocktake_date} 盘点，不能登记早于盘点日期（{doc_date}）的单据</source>
        <translation>{item} in {depot} was counted on {stocktake_date}; a document dated {doc_date}, before the count, cannot be entered</translation>
    </message>
    <message>
        <source>单据 {number} 本身是红冲单，不能再红冲</source>
        <translation>Document {number} is itself a reversal and cannot be reversed</translation>
    </message>
    <message>
        <source>物资目录中已有 {count} 种物资；标准物资目录只能载入空目录</source>
        <translation>The catalogue already holds {count} items; the standard catalogue loads into an empty catalogue only</translation>
    </message>
    <message>
        <source>数据库正被另一个程序写入，请稍候再试（{path}）</source>
        <translation>Another program is writing to the database; please try again shortly ({path})</translation>
    </message>
    <message>
        <source>数据库“{path}”已损坏（{reason}）。文件未作任何改动；请打开其他数据库或从备份恢复</source>
        <translation>Database “{path}” is damaged ({reason}). The file was not changed; please open another database or restore a backup</translation>
    </message>
    <message>
        <source>数据库“{path}”无法使用：{reason}</source>
        <translation>Database “{path}” cannot be used: {reason}</translation>
    </message>
    <message>
        <source>数据库“{path}”已在另一个程序窗口中打开（{holder}）。请切换到该窗口，或打开其他数据库</source>
        <translation>Database “{path}” is already open in another window ({holder}). Please switch to that window or open another database</translation>
    </message>
    <message>
        <source>数据库“{path}”已有数据（{units} 个单位）：演示数据只写入新的空数据库，请用 --db 指定一个新文件</source>
        <translation>Database “{path}” already holds data ({units} units): demo data only goes into a new, empty database; name a new file with --db</translation>
    </message>
    <message>
        <source>磁盘空间已满，本次操作未保存（{path}）。请清理磁盘或把数据库移到有空间的位置后重试</source>
        <translation>The disk is full; nothing was saved ({path}). Free some space or move the database, then try again</translation>
    </message>
    <message>
        <source>{kind}“{key}”已存在</source>
        <translation>{kind} “{key}” already exists</translation>
    </message>
    <message>
        <source>单据没有任何明细行</source>
        <translation>The document has no lines</translation>
    </message>
    <message>
        <source>{item}（批次 {lot}）已于 {expiry} 过期，出库需填写放行理由</source>
        <translation>{item} (lot {lot}) expired on {expiry}; issuing it needs a reason</translation>
    </message>
    <message>
        <source>找不到可嵌入 PDF 的中文 TrueType 字体（已查找：{searched}）。请安装文泉驿正黑（Linux：sudo apt install fonts-wqy-zenhei；Windows 自带宋体 simsun.ttc），或在设置中指定字体文件（环境变量 LEDGER_REPORT_FONT）</source>
        <translation>No Chinese TrueType font to embed in PDFs was found (looked in: {searched}). Install WenQuanYi Zen Hei (Linux: sudo apt install fonts-wqy-zenhei; Windows ships SimSun simsun.ttc), or name a font file (environment variable LEDGER_REPORT_FONT)</translation>
    </message>
    <message>
        <source>字体文件“{path}”不能用于 PDF 报表：{reason}</source>
        <translation>Font file “{path}” cannot be used for PDF reports: {reason}</translation>
    </message>
    <message>
        <source>数据包含有 {count} 条不属于{unit}的记录，不能导入：{examples}</source>
        <translation>The package holds {count} records that do not belong to {unit} and cannot be imported: {examples}</translation>
    </message>
    <message>
        <source>{depot}库存不足：{item}（批次 {lot}）现有 {on_hand}{unit}，要求出库 {requested}{unit}</source>
        <translation>Not enough stock in {depot}: {item} (lot {lot}) has {on_hand} {unit}, {requested} {unit} asked</translation>
    </message>
    <message>
        <source>{what}“{value}”不是有效的数值</source>
        <translation>{what} “{value}” is not a valid number</translation>
    </message>
    <message>
        <source>{where}的{field}“{value}”无效：{reason}</source>
        <translation>{field} “{value}” of {where} is not valid: {reason}</translation>
    </message>
    <message>
        <source>公钥文件“{name}”无效：{reason}</source>
        <translation>Public key file “{name}” is not valid: {reason}</translation>
    </message>
    <message>
        <source>“{user}”是最后一个可用的管理员账户，不能停用或降级</source>
        <translation>“{user}” is the last active administrator and cannot be disabled or demoted</translation>
    </message>
    <message>
        <source>此数据库已有账户，须先登录：用 --user 给出用户名，密码在控制台输入（无控制台的脚本由环境变量 LEDGER_PASSWORD 给出）</source>
        <translation>This database has accounts: log in first. Give the user name with --user; the password is asked on the console (scripts without a console give it in the environment variable LEDGER_PASSWORD)</translation>
    </message>
    <message>
        <source>{where}缺少必填项：{field}</source>
        <translation>{where} lacks a required field: {field}</translation>
    </message>
    <message>
        <source>数据库“{path}”由更新版本的程序创建（结构版本 {revision}），请升级本程序后再打开</source>
        <translation>Database “{path}” was made by a newer version of the program (schema {revision}); please upgrade the program first</translation>
    </message>
    <message>
        <source>第{line}行：{item}的数量必须大于零，填写的是 {quantity}</source>
        <translation>Line {line}: the quantity of {item} must be above zero, {quantity} was entered</translation>
    </message>
    <message>
        <source>调拨单 {number} 不在途（{reason}），不能接收</source>
        <translation>Transfer {number} is not in transit ({reason}) and cannot be received</translation>
    </message>
    <message>
        <source>{depot}只能反结账最近一次结账（{last}），不能反结账{period}</source>
        <translation>{depot} can only reopen its latest close ({last}), not {period}</translation>
    </message>
    <message>
        <source>“{user}”不是本数据库中已登录的账户，操作被拒绝</source>
        <translation>“{user}” is not an account logged in to this database; the operation is refused</translation>
    </message>
    <message>
        <source>无法写入“{path}”：{reason}。没有留下不完整的文件；请换一个位置或清理磁盘后重试</source>
        <translation>Could not write “{path}”: {reason}. No partial file was left; choose another place or free some disk space and try again</translation>
    </message>
    <message>
        <source>数据包“{name}”是本机自己导出的，不能导入本机</source>
        <translation>Package “{name}” was exported by this computer and cannot be imported here</translation>
    </message>
    <message>
        <source>数据包与本库的数据冲突，不能导入：{reason}</source>
        <translation>The package conflicts with this database and cannot be imported: {reason}</translation>
    </message>
    <message>
        <source>数据包“{name}”已损坏或不完整，不能导入：{reason}</source>
        <translation>Package “{name}” is damaged or incomplete and cannot be imported: {reason}</translation>
    </message>
    <message>
        <source>{unit}的第 {seq} 号数据包是增量包，要先导入第 {missing} 号数据包（本库已导入到第 {last} 号）；也可请对方导出完整数据包</source>
        <translation>Package {seq} of {unit} is incremental; import package {missing} first (this database has up to {last}), or ask for a full package</translation>
    </message>
    <message>
        <source>{unit}的第 {seq} 号数据包{when}，是重复或过期的数据包，本次未作任何改动（本库已导入到第 {last} 号）</source>
        <translation>Package {seq} of {unit} {when}; it is a repeated or outdated package and nothing was changed (this database has up to {last})</translation>
    </message>
    <message>
        <source>{unit}的第 {seq} 号数据包已导入过内容不同的另一个版本：可能有两台电脑在使用同一个身份（安装编号 {installation}），请核实后由对方导出完整数据包</source>
        <translation>Another version of package {seq} of {unit} was already imported: two computers may share one identity (installation {installation}); please check, then ask for a full package</translation>
    </message>
    <message>
        <source>数据包“{name}”的签名无效，不能导入：签发后内容被改动过，或不是{unit}登记的电脑（安装编号 {installation}）签发的</source>
        <translation>The signature of package “{name}” is not valid: it was changed after signing, or was not signed by the computer registered for {unit} (installation {installation})</translation>
    </message>
    <message>
        <source>数据包“{name}”中的文件 {file} 与签名清单不符（{reason}），不能导入</source>
        <translation>File {file} in package “{name}” does not match the signed manifest ({reason}); it cannot be imported</translation>
    </message>
    <message>
        <source>数据包“{name}”由更新版本的程序生成（{what} {version}），请先升级本程序再导入</source>
        <translation>Package “{name}” was made by a newer program ({what} {version}); please upgrade before importing</translation>
    </message>
    <message>
        <source>数据包“{name}”没有签名，不能导入：只接受已登记办公室签发的数据包</source>
        <translation>Package “{name}” is not signed: only packages signed by registered offices are accepted</translation>
    </message>
    <message>
        <source>账户“{user}”须先设置新密码才能使用</source>
        <translation>Account “{user}” must set a new password first</translation>
    </message>
    <message>
        <source>{depot}的{period}已经结账</source>
        <translation>{period} of {depot} is already closed</translation>
    </message>
    <message>
        <source>{period} 已结账，不能登记日期为 {doc_date} 的单据</source>
        <translation>{period} is closed; a document dated {doc_date} cannot be entered</translation>
    </message>
    <message>
        <source>{period}尚未结束（截止 {end}），不能结账</source>
        <translation>{period} has not ended yet (ends {end}) and cannot be closed</translation>
    </message>
    <message>
        <source>用户“{user}”无权{action}</source>
        <translation>User “{user}” may not {action}</translation>
    </message>
    <message>
        <source>个人信息密钥文件“{key}”已损坏或不是本程序的密钥文件；请从保存的副本中找回它</source>
        <translation>The personal data key file “{key}” is damaged or is not a key file of this program; restore it from the copy you kept</translation>
    </message>
    <message>
        <source>数据库“{path}”中的身份证号和电话已加密，找不到它的密钥文件“{key}”。请把这个数据库的密钥文件放回该位置（或用环境变量 LEDGER_KEY_FILE 指明它）后再打开；数据库没有任何改动</source>
        <translation>ID numbers and phone numbers in database “{path}” are encrypted, and its key file “{key}” cannot be found. Put this database&apos;s key file back there (or name it with the environment variable LEDGER_KEY_FILE), then open it again; nothing in the database was changed</translation>
    </message>
    <message>
        <source>密钥文件“{key}”不是数据库“{path}”的密钥，其中的身份证号和电话无法解密。请换回这个数据库自己的密钥文件后再打开；数据库没有任何改动</source>
        <translation>The key file “{key}” is not the key of database “{path}”: its ID numbers and phone numbers cannot be decrypted. Put this database&apos;s own key file back, then open it again; nothing in the database was changed</translation>
    </message>
    <message>
        <source>规划文本“{file}”无法读取：{reason}</source>
        <translation>The plan text “{file}” cannot be read: {reason}</translation>
    </message>
    <message>
        <source>已过账的{what}不能修改或删除；如有错误，请红冲后重新登记</source>
        <translation>A posted {what} cannot be changed or deleted; reverse it and enter it again</translation>
    </message>
    <message>
        <source>规划文件“{file}”有误（{rule}，字段 {field}）：{reason}</source>
        <translation>Plan file “{file}” is wrong ({rule}, field {field}): {reason}</translation>
    </message>
    <message>
        <source>规划文件“{file}”无法读取：{reason}</source>
        <translation>Plan file “{file}” cannot be read: {reason}</translation>
    </message>
    <message>
        <source>数据库“{path}”或其所在文件夹只读，无法保存。请检查文件权限，或把数据库复制到可写的位置</source>
        <translation>Database “{path}” or its folder is read-only, so nothing can be saved. Check the permissions or copy the database somewhere writable</translation>
    </message>
    <message>
        <source>{record}仍被引用，不能删除：{uses}。不再使用的记录请停用</source>
        <translation>{record} is still referred to and cannot be deleted: {uses}. Disable a record that is no longer used</translation>
    </message>
    <message>
        <source>{what}属于{unit}，由该办公室自己的电脑管理并通过数据包报送，本库只能查看，不能修改</source>
        <translation>{what} belongs to {unit}, which keeps it on its own computer and reports it by package; here it can be viewed but not changed</translation>
    </message>
    <message>
        <source>不能用“{path}”恢复：{reason}。当前数据库没有任何改动</source>
        <translation>Cannot restore from “{path}”: {reason}. The current database was not changed</translation>
    </message>
    <message>
        <source>{item}（批次 {lot}）归还 {requested}{unit}，超过出库单 {number} 尚未归还的 {open}{unit}</source>
        <translation>Returning {requested} {unit} of {item} (lot {lot}) is more than the {open} {unit} still out on issue {number}</translation>
    </message>
    <message>
        <source>调拨的调出库和调入库不能相同（{depot}）</source>
        <translation>A transfer cannot send and receive in the same depot ({depot})</translation>
    </message>
    <message>
        <source>安装编号 {installation}（单位 {unit}）的登记已于 {retired} 被新电脑取代，不再接受它的数据包</source>
        <translation>Installation {installation} (unit {unit}) was replaced by a new computer on {retired}; its packages are no longer accepted</translation>
    </message>
    <message>
        <source>找不到本办公室的签名私钥文件“{path}”（安装编号 {installation}）：请从原电脑复制该文件，或建立新的签名身份并请上级重新登记</source>
        <translation>The office&apos;s private signing key “{path}” (installation {installation}) is missing: copy it from the old computer, or create a new identity and have it registered again</translation>
    </message>
    <message>
        <source>单位 {unit} 已登记由另一台电脑（安装编号 {registered}）报送，此数据包却来自安装编号 {installation}：同一单位只能由一台电脑报送。如已更换电脑，请重新登记新电脑的公钥文件</source>
        <translation>Unit {unit} is registered to report from another computer (installation {registered}), but this package comes from installation {installation}: one unit reports from one computer. If the computer was replaced, register the new computer&apos;s public key</translation>
    </message>
    <message>
        <source>全面盘点还有 {count} 个批次未清点：{lots}。请逐一确认按零处理或保持不变后再过账</source>
        <translation>The full count left {count} lots uncounted: {lots}. Decide for each whether it counts as zero or stays as it is, then post</translation>
    </message>
    <message>
        <source>找不到{kind}“{key}”</source>
        <translation>{kind} “{key}” not found</translation>
    </message>
    <message>
        <source>数据包来自未登记的电脑（单位 {unit}，安装编号 {installation}），不能导入：请先导入该办公室的公钥文件进行登记</source>
        <translation>The package comes from an unregistered computer (unit {unit}, installation {installation}): import that office&apos;s public key first</translation>
    </message>
    <message>
        <source>新密码不符合要求：{reason}</source>
        <translation>The new password does not meet the rules: {reason}</translation>
    </message>
    <message>
        <source>补录单据会使{depot}的{item}（批次 {lot}）在 {first_date} 结存变为负数（{balance}{unit}）</source>
        <translation>This backdated document would make {item} (lot {lot}) in {depot} negative on {first_date} ({balance} {unit})</translation>
    </message>
    <message>
        <source>用户名或密码错误（再错 {left} 次账户将锁定 {minutes} 分钟）</source>
        <translation>Wrong user name or password ({left} more failures lock the account for {minutes} minutes)</translation>
    </message>
    <message>
        <source>恢复码不正确，或账户“{user}”没有设置恢复码</source>
        <translation>The recovery code is wrong, or the account “{user}” has no recovery code</translation>
    </message>
    <message>
        <source>操作被拒绝：{reason}</source>
        <translation>Refused: {reason}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — 应急资源台账</source>
        <translation>Log in — Emergency Resource Ledger</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>首次使用：请为管理员账户设置密码（至少 {n} 个字符）。请牢记此密码，其他账户由管理员在“数据 → 用户账户”中添加。</source>
        <translation>First start: set a password for the administrator account (at least {n} characters). Keep it safe; the administrator adds other accounts under “Data → User accounts”.</translation>
    </message>
    <message>
        <source>创建管理员</source>
        <translation>Create administrator</translation>
    </message>
    <message>
        <source>这是管理员设置的临时密码，请设置您自己的新密码后继续。</source>
        <translation>This is a temporary password set by the administrator; set your own new password to continue.</translation>
    </message>
    <message>
        <source>修改密码并登录</source>
        <translation>Change password and log in</translation>
    </message>
    <message>
        <source>请输入用户名和密码。</source>
        <translation>Please enter your user name and password.</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <source>管理员账户已创建。恢复码：{code}

请把恢复码抄在纸上，交由单位负责人妥善保管；它只显示这一次。忘记管理员密码时，在命令行运行
ledger users recover 用户名 --code 恢复码
即可重设密码。</source>
        <translation>Administrator account created. Recovery code: {code}

Write the recovery code on paper and give it to the head of the office to keep safe; it is shown this once only. If the administrator password is forgotten, run
ledger users recover USERNAME --code CODE
on the command line to set a new one.</translation>
    </message>
</context>
<context>
    <name>LotAdvisor</name>
    <message>
        <source>{depot}没有可出库的{item}</source>
        <extracomment>Asked of suggest_lots to list every lot with what it holds.</extracomment>
        <translation>{depot} has no {item} that can be issued</translation>
    </message>
    <message>
        <source>先到期先出：建议批次 {lot}（有效期至 {expiry}）</source>
        <translation>First expiring first out: lot {lot} suggested (expires {expiry})</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>其他仓库有：{depots}</source>
        <translation>Other depots hold: {depots}</translation>
    </message>
    <message>
        <source>其他仓库也没有{item}</source>
        <translation>No other depot holds {item} either</translation>
    </message>
    <message>
        <source>按先到期先出拆分到批次 {lot}</source>
        <translation>Split to lot {lot}, first expiring first out</translation>
    </message>
    <message>
        <source>{item} 按先到期先出分到 {n} 个批次</source>
        <translation>{item} split over {n} lots, first expiring first out</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>应急资源台账</source>
        <extracomment>Emitted once the window has its database: pages, menu entries, the section shown.</extracomment>
        <translation>Emergency Resource Ledger</translation>
    </message>
    <message>
        <source>上次没有正常关闭，正在逐页检查整个数据库文件……
文件较大时需要一两分钟，请稍候。</source>
        <translation>The ledger was not closed normally last time: checking the whole database file page by page…
A large file takes a minute or two, please wait.</translation>
    </message>
    <message>
        <source>正在打开台账……</source>
        <translation>Opening the ledger…</translation>
    </message>
    <message>
        <source>{hint}（此功能尚未安装）</source>
        <translation>{hint} (not installed yet)</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>关于应急资源台账</source>
        <translation>About Emergency Resource Ledger</translation>
    </message>
    <message>
        <source>数据库：{path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <source>用户：{name}（{role}）</source>
        <translation>User: {name} ({role})</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>规划：{profile}</source>
        <translation>Plan: {profile}</translation>
    </message>
</context>
<context>
    <name>MaintenanceDialog</name>
    <message>
        <source>登记保养 — {serial}</source>
        <translation>Record maintenance — {serial}</translation>
    </message>
    <message>
        <source>批量登记保养 — {n} 件装备</source>
        <translation>Record maintenance — {n} pieces of equipment</translation>
    </message>
    <message>
        <source>保养</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>维修</source>
        <translation>Under repair</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>试机</source>
        <translation>Test run</translation>
    </message>
    <message>
        <source>（不变）</source>
        <translation>(unchanged)</translation>
    </message>
    <message>
        <source>未设定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>装备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>原定下次保养</source>
        <translation>Next maintenance was due</translation>
    </message>
    <message>
        <source>装备（{n} 件）</source>
        <translation>Equipment ({n} pieces)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>保养人</source>
        <translation>Done by</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>状态改为</source>
        <translation>Change status to</translation>
    </message>
    <message>
        <source>请填写保养日期（如 2026-11-22）</source>
        <translation>Please fill in the maintenance date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>已登记保养：{serial}</source>
        <translation>Maintenance recorded: {serial}</translation>
    </message>
    <message>
        <source>已为 {n} 件装备登记保养</source>
        <translation>Maintenance recorded for {n} pieces of equipment</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>装备对应</source>
        <translation>Equipment mapping</translation>
    </message>
    <message>
        <source>输入编码或名称选取（按编号管理的装备）</source>
        <translation>Type a code or name to choose (serial-numbered equipment)</translation>
    </message>
    <message>
        <source>规划中的装备</source>
        <translation>Equipment in the plan</translation>
    </message>
    <message>
        <source>物资目录中的装备</source>
        <translation>Equipment in the catalogue</translation>
    </message>
    <message>
        <source>已对应</source>
        <translation>Mapped</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>此规划没有装备配备规则</source>
        <translation>This plan has no equipment rules</translation>
    </message>
    <message>
        <source>请从列表中选择装备</source>
        <translation>Choose equipment from the list</translation>
    </message>
    <message>
        <source>已对应：{item} 计为 {entry}</source>
        <translation>Mapped: {item} counts as {entry}</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>修改队员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <source>新增队员</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>18位居民身份证号码</source>
        <translation>18-character resident ID number</translation>
    </message>
    <message>
        <source>（按身份证号）</source>
        <translation>(from the ID number)</translation>
    </message>
    <message>
        <source>11位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>如：队长、副队长、队员</source>
        <translation>e.g. leader, deputy leader, member</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>专兼职</source>
        <translation>Full/part time</translation>
    </message>
    <message>
        <source>入队日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>离队日期</source>
        <translation>Left on</translation>
    </message>
    <message>
        <source>不是有效日期，请按 2026-11-22 的格式填写</source>
        <translation>Not a valid date; write it like 2026-11-22</translation>
    </message>
    <message>
        <source>已保存队员：{name}</source>
        <translation>Member saved: {name}</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>单据(&amp;D)</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <source>数据(&amp;T)</source>
        <translation>Da&amp;ta</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>打印刚过账的单据…</source>
        <translation>Print the document just posted…</translation>
    </message>
    <message>
        <source>新建入库单</source>
        <translation>New receipt</translation>
    </message>
    <message>
        <source>新建出库单</source>
        <translation>New issue</translation>
    </message>
    <message>
        <source>新建调拨单</source>
        <translation>New transfer</translation>
    </message>
    <message>
        <source>新建归还单</source>
        <translation>New return</translation>
    </message>
    <message>
        <source>新建报损单</source>
        <translation>New write-off</translation>
    </message>
    <message>
        <source>新建盘点表</source>
        <translation>New stocktake</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>提示</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>注意</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>读取数据时出现意外错误，数据没有任何改动。
请把详细信息发给技术支持人员。</source>
        <translation>An unexpected error occurred while reading the data; nothing was changed.
Please send the details to technical support.</translation>
    </message>
    <message>
        <source>程序出现意外错误，本次操作没有保存任何内容。
请把详细信息发给技术支持人员。</source>
        <translation>An unexpected error occurred; nothing of this action was saved.
Please send the details to technical support.</translation>
    </message>
    <message>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MinimumDialog</name>
    <message>
        <source>最低库存</source>
        <translation>Minimum stock</translation>
    </message>
    <message>
        <source>输入编码或名称选取</source>
        <translation>Type a code or name to pick</translation>
    </message>
    <message>
        <source>0 表示取消</source>
        <translation>0 removes it</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>已设定</source>
        <translation>Already set</translation>
    </message>
    <message>
        <source>所选单位及其下级没有仓库</source>
        <translation>The chosen unit and the units below it have no depot</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>请选择仓库和物资</source>
        <translation>Please choose a depot and an item</translation>
    </message>
    <message>
        <source>已设定最低库存：{item}</source>
        <translation>Minimum stock set: {item}</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>移动“{name}”</source>
        <translation>Move “{name}”</translation>
    </message>
    <message>
        <source>移到下列单位之下</source>
        <translation>Move below this unit</translation>
    </message>
    <message>
        <source>已移动：{name}</source>
        <translation>Moved: {name}</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>工作台</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>到期、逾期、短板的提醒和图表，最近的单据</source>
        <translation>Expiries, overdue work and shortfalls at a glance, with charts and the latest documents</translation>
    </message>
    <message>
        <source>组织机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>行政区划、岗位人员、演练与培训</source>
        <translation>Administrative units, posts, drills and training</translation>
    </message>
    <message>
        <source>救援队伍</source>
        <translation>Rescue teams</translation>
    </message>
    <message>
        <source>队伍与队员花名册</source>
        <translation>Teams and member rosters</translation>
    </message>
    <message>
        <source>仓库与库存</source>
        <translation>Depots and stock</translation>
    </message>
    <message>
        <source>库存、单据录入、盘点与物资卡片</source>
        <translation>Stock, document entry, stocktakes and stock cards</translation>
    </message>
    <message>
        <source>装备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>装备、状态与保养</source>
        <translation>Equipment, status and maintenance</translation>
    </message>
    <message>
        <source>短板检查</source>
        <translation>Shortfalls</translation>
    </message>
    <message>
        <source>对照规划检查短板</source>
        <translation>Check shortfalls against the plans</translation>
    </message>
    <message>
        <source>应急推演</source>
        <translation>Readiness drill</translation>
    </message>
    <message>
        <source>安置N人D天：从哪些仓库调拨、缺什么、可调用哪些队伍</source>
        <translation>Shelter N people for D days: which depots, what is short, which teams</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>打印台账、单据与报告</source>
        <translation>Print ledgers, vouchers and reports</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>本机设置与数据库</source>
        <translation>This computer&apos;s settings and the database</translation>
    </message>
</context>
<context>
    <name>Norms</name>
    <message>
        <source>缺失</source>
        <extracomment>Every part the ledger can count is met; the rest waits on the office&apos;s confirmation.</extracomment>
        <translation>Missing</translation>
    </message>
    <message>
        <source>不足</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>临期</source>
        <translation>Expiring</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <source>待生效</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>演练次数</source>
        <translation>Drills</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>综合标准</source>
        <extracomment>The kind of record reference naming an attribute that waits on the office&apos;s confirmation.</extracomment>
        <translation>Composite standard</translation>
    </message>
    <message>
        <source>装备配备</source>
        <extracomment>A record reference naming what the office confirms in one action (as composite findings do).</extracomment>
        <translation>Equipment set</translation>
    </message>
    <message>
        <source>仓库建立</source>
        <translation>Depot exists</translation>
    </message>
    <message>
        <source>仓库面积</source>
        <translation>Depot area</translation>
    </message>
    <message>
        <source>过期物资</source>
        <translation>Expired stock</translation>
    </message>
    <message>
        <source>保养逾期</source>
        <translation>Maintenance overdue</translation>
    </message>
    <message>
        <source>证书过期</source>
        <translation>Certificates expired</translation>
    </message>
    <message>
        <source>物资储备</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <source>最低库存</source>
        <translation>Minimum stock</translation>
    </message>
    <message>
        <source>队伍建立</source>
        <translation>Team exists</translation>
    </message>
    <message>
        <source>队伍人数</source>
        <translation>Team headcount</translation>
    </message>
    <message>
        <source>人口比例</source>
        <translation>Ratio to population</translation>
    </message>
    <message>
        <source>覆盖率</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>岗位人员</source>
        <translation>Post holders</translation>
    </message>
    <message>
        <source>岗位人员培训</source>
        <translation>Post holders&apos; training</translation>
    </message>
</context>
<context>
    <name>OpenProblemDialog</name>
    <message>
        <source>台账数据库 (*.db *.sqlite *.ledger);;所有文件 (*)</source>
        <translation>Ledger databases (*.db *.sqlite *.ledger);;All files (*)</translation>
    </message>
    <message>
        <source>备份文件 (*.db *.bak *.sqlite);;所有文件 (*)</source>
        <translation>Backup files (*.db *.bak *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <extracomment>Restores a backup file over a database path and returns the path to open (or raises).</extracomment>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>原文件没有被改动。您可以：</source>
        <translation>The file was not changed. You can:</translation>
    </message>
    <message>
        <source>打开其他数据库…</source>
        <translation>Open another database…</translation>
    </message>
    <message>
        <source>新建数据库…</source>
        <translation>Create a new database…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
</context>
<context>
    <name>OrgPage</name>
    <message>
        <source>新增下级</source>
        <translation>Add sub-unit</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>移动到…</source>
        <translation>Move to…</translation>
    </message>
    <message>
        <source>请在左侧选择单位</source>
        <translation>Choose a unit on the left</translation>
    </message>
    <message>
        <source>区划代码</source>
        <translation>Division code</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>常住人口</source>
        <translation>Resident population</translation>
    </message>
    <message>
        <source>标志</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>适用规划</source>
        <translation>Plan in force</translation>
    </message>
    <message>
        <source>经纬度</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>新增岗位人员</source>
        <translation>Add post holder</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>岗位人员</source>
        <translation>Post holders</translation>
    </message>
    <message>
        <source>登记演练</source>
        <translation>Record drill</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drills</translation>
    </message>
    <message>
        <source>登记培训</source>
        <translation>Record training</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>（继承上级）</source>
        <translation> (inherited)</translation>
    </message>
    <message>
        <source>经度 {lon}，纬度 {lat}</source>
        <translation>longitude {lon}, latitude {lat}</translation>
    </message>
    <message>
        <source>删除岗位人员“{name}”（{post}）？人员离任请填写离任日期，不要删除。</source>
        <translation>Delete post holder “{name}” ({post})? When someone leaves a post, fill in the end date instead of deleting.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>您的角色无权进行此操作</source>
        <translation>Your role may not do this</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>上一页</source>
        <extracomment>The finest resolution pages are drawn at for the printer. How much one press of ＋ or － zooms.</extracomment>
        <translation>Previous</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>缩小 (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>放大 (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>第 {page} / {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>应为18位：17位数字加1位数字或X</source>
        <extracomment>GB 11643-1999 weights of the first 17 digits and the check characters by remainder.</extracomment>
        <translation>Must be 18 characters: 17 digits, then a digit or X</translation>
    </message>
    <message>
        <source>其中的出生日期不存在</source>
        <translation>The birth date in it does not exist</translation>
    </message>
    <message>
        <source>校验位不正确，请核对是否输错</source>
        <translation>The check character is wrong; please check for a typo</translation>
    </message>
    <message>
        <source>手机号应为以1开头的11位数字</source>
        <translation>A mobile number has 11 digits starting with 1</translation>
    </message>
    <message>
        <source>电话应为11位手机号或带区号的固定电话</source>
        <translation>A phone is an 11-digit mobile or a landline with area code</translation>
    </message>
    <message>
        <source>必须填写</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>与身份证号中的出生日期不符</source>
        <translation>Differs from the birth date in the ID number</translation>
    </message>
    <message>
        <source>必须晚于入队日期</source>
        <translation>Must be after the joining date</translation>
    </message>
</context>
<context>
    <name>PerCapitaDialog</name>
    <message>
        <source>人均储备定额</source>
        <translation>Per-person reserve amounts</translation>
    </message>
    <message>
        <source>输入编码或名称选取</source>
        <translation>Type a code or name to pick</translation>
    </message>
    <message>
        <source>按每人每天（不选：每人整个保障期）</source>
        <translation>Per person per day (unticked: per person for the whole period)</translation>
    </message>
    <message>
        <source>作为本单位该物资的人均储备定额，用于所有按人数规模的储备规则</source>
        <translation>As this office&apos;s per-person amount of the item, for every reserve scaled by population</translation>
    </message>
    <message>
        <source>数量出自的标准或文件</source>
        <translation>Standard or document the amount comes from</translation>
    </message>
    <message>
        <source>无公开数字，由本单位设定</source>
        <translation>No public figure; set by the office</translation>
    </message>
    <message>
        <source>/人/天</source>
        <translation>/person/day</translation>
    </message>
    <message>
        <source>/人</source>
        <translation>/person</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>人均数量</source>
        <translation>Per-person quantity</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>已设定</source>
        <translation>Already set</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>参考定额（未设定时采用）</source>
        <translation>Reference amounts (used until set)</translation>
    </message>
    <message>
        <source>此规划没有按人数和天数规模计算的储备规则</source>
        <translation>This plan has no reserve rule scaled by people and days</translation>
    </message>
    <message>
        <source>请从列表中选择物资</source>
        <translation>Please pick an item from the list</translation>
    </message>
    <message>
        <source>已设定人均储备定额：{item}</source>
        <translation>Per-person amount set: {item}</translation>
    </message>
</context>
<context>
    <name>PeriodsDialog</name>
    <message>
        <source>月结</source>
        <translation>Month close</translation>
    </message>
    <message>
        <source>年结</source>
        <translation>Year close</translation>
    </message>
    <message>
        <source>期末结账</source>
        <translation>Period close</translation>
    </message>
    <message>
        <source>全部仓库</source>
        <translation>All depots</translation>
    </message>
    <message>
        <source>结账</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>反结账所选…</source>
        <translation>Reopen selected…</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>结账保存截止日的结存和流水链头，此后该期间不能再登记单据。</source>
        <translation>A close stores the balances and the chain head at the cut-off; no document can be posted in the period afterwards.</translation>
    </message>
    <message>
        <source>已结账的期间（最近的在前）</source>
        <translation>Closed periods (latest first)</translation>
    </message>
    <message>
        <source>对“{where}”做{period}结账？此后不能再登记{period}及以前日期的单据。</source>
        <translation>Close {period} for “{where}”? Documents dated in {period} or earlier can no longer be posted.</translation>
    </message>
    <message>
        <source>已结账 {count} 个仓库：{period}</source>
        <translation>Closed {count} depot(s): {period}</translation>
    </message>
    <message>
        <source>此前已结账：{names}</source>
        <translation>Closed before: {names}</translation>
    </message>
    <message>
        <source>没有可结账的仓库</source>
        <translation>No depot to close</translation>
    </message>
    <message>
        <source>请先在列表中选择要反结账的期间</source>
        <translation>Select the period to reopen in the list first</translation>
    </message>
    <message>
        <source>对“{depot}”的{period}反结账？反结账后可以再登记该期间的单据。</source>
        <translation>Reopen {period} of “{depot}”? Documents of that period can then be posted again.</translation>
    </message>
    <message>
        <source>反结账</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>已反结账</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>期末结账（月结/年结）(&amp;C)…</source>
        <translation>Period &amp;close (month/year)…</translation>
    </message>
</context>
<context>
    <name>PlanWizard</name>
    <message>
        <source>规划导入向导</source>
        <translation>Plan import wizard</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>安装规划</source>
        <translation>Install the profile</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已安装规划：{name}</source>
        <translation>Profile installed: {name}</translation>
    </message>
</context>
<context>
    <name>Plans</name>
    <message>
        <source>（未安装的规划）</source>
        <extracomment>The accepted names (or codes) that match no item of the catalogue. Not one accepted name matches: the entry will be reported until the catalogue has one. The entry belongs to a list of examples the office confirms (not reported as missing).</extracomment>
        <translation>(plan not installed)</translation>
    </message>
</context>
<context>
    <name>PostDialog</name>
    <message>
        <source>修改岗位人员</source>
        <translation>Edit post holder</translation>
    </message>
    <message>
        <source>新增岗位人员</source>
        <translation>Add post holder</translation>
    </message>
    <message>
        <source>手机号或固定电话</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>离任日期</source>
        <translation>Until</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>浏览…</source>
        <extracomment>A TrueType font file for PDF reports (&quot;&quot; = search the system&apos;s Chinese fonts).</extracomment>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>设置 — 应急资源台账</source>
        <translation>Settings — Emergency Resource Ledger</translation>
    </message>
    <message>
        <source>默认：数据文件夹中的 backups</source>
        <translation>Default: backups in the data folder</translation>
    </message>
    <message>
        <source>关闭程序时自动备份</source>
        <translation>Back up automatically when the program closes</translation>
    </message>
    <message>
        <source>绑定到最上级单位的规划；未单独绑定规划的下级单位都沿用它</source>
        <translation>The plan bound to the top unit; every unit without a plan of its own inherits it</translation>
    </message>
    <message>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>有效期在此天数内的批次标黄</source>
        <translation>Lots expiring within this many days are shown amber</translation>
    </message>
    <message>
        <source>下次保养在此天数内的装备标黄</source>
        <translation>Equipment due for maintenance within this many days is shown amber</translation>
    </message>
    <message>
        <source>单据日期早于这么多天前（或晚于今天）时，过账前先确认</source>
        <translation>A document dated more than this many days back (or after today) asks before it is posted</translation>
    </message>
    <message>
        <source>默认：自动查找系统中的中文字体</source>
        <translation>Default: find a Chinese font on this computer</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>保留备份份数</source>
        <translation>Backups kept</translation>
    </message>
    <message>
        <source>默认规划</source>
        <translation>Default plan</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>临期提醒天数</source>
        <translation>Expiry warning (days)</translation>
    </message>
    <message>
        <source>保养提醒天数</source>
        <translation>Maintenance warning days</translation>
    </message>
    <message>
        <source>单据可补录天数</source>
        <translation>Days a document may be back-dated</translation>
    </message>
    <message>
        <source>报表字体</source>
        <translation>Report font</translation>
    </message>
    <message>
        <source>字体文件 (*.ttf *.ttc)</source>
        <translation>Font files (*.ttf *.ttc)</translation>
    </message>
    <message>
        <source>数据文件夹和界面语言在重新启动程序后生效；已有数据不会被移动。</source>
        <translation>The data folder and the language take effect after a restart; existing data is not moved.</translation>
    </message>
    <message>
        <source>物资目录中没有以下装备的名称，检查时将一直报缺失（请在物资目录中使用规划的名称，或复制规划文件并在 accept 中加入目录里的名称）：{items}</source>
        <translation>The catalogue has no name for the following equipment, so the check will always report it missing (use the plan&apos;s names in the catalogue, or copy the plan file and add the catalogue&apos;s names to accept): {items}</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>每人每天{qty}</source>
        <translation>{qty} per person per day</translation>
    </message>
    <message>
        <source>每人{qty}</source>
        <translation>{qty} per person</translation>
    </message>
    <message>
        <source>本单位</source>
        <extracomment>The tiers depots are drawn in, nearest first.</extracomment>
        <translation>Own unit</translation>
    </message>
    <message>
        <source>本乡镇</source>
        <translation>Own town</translation>
    </message>
    <message>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <source>邻近乡镇</source>
        <translation>Neighbouring town</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>约 {km} 公里</source>
        <extracomment>A depot&apos;s distance from the units named, where the office recorded both places.</extracomment>
        <translation>about {km} km</translation>
    </message>
    <message>
        <source>待登记</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>ReadinessPage</name>
    <message>
        <source>添加地区</source>
        <translation>Add area</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>推演</source>
        <translation>Work out</translation>
    </message>
    <message>
        <source>调拨方案 PDF…</source>
        <translation>Transfer plan PDF…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>确认方案，生成单据草稿…</source>
        <translation>Confirm the plan, make drafts…</translation>
    </message>
    <message>
        <source>登记所选草稿</source>
        <translation>Post the chosen draft</translation>
    </message>
    <message>
        <source>撤回所选草稿</source>
        <translation>Withdraw the chosen draft</translation>
    </message>
    <message>
        <source>可调用队伍</source>
        <translation>Teams that can be called</translation>
    </message>
    <message>
        <source>单据草稿</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>预设</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>安置地区</source>
        <translation>Sheltering areas</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>（自行填写）</source>
        <translation>(enter by hand)</translation>
    </message>
    <message>
        <source>事件：{name}（{date}）</source>
        <translation>Incident: {name} ({date})</translation>
    </message>
    <message>
        <source>{title}（{people}人{days}天）</source>
        <translation>{title} ({people} people, {days} days)</translation>
    </message>
    <message>
        <source>（未添加：按所选地区）</source>
        <translation>(none added: the area chosen)</translation>
    </message>
    <message>
        <source>请先选择安置地区</source>
        <translation>Choose the sheltering areas first</translation>
    </message>
    <message>
        <source>请填写开始日期（如 2026-11-22）</source>
        <translation>Enter the start date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>{units}安置 {people} 人 {days} 天（{start} 至 {end}）</source>
        <translation>{units}: shelter {people} people for {days} days ({start} to {end})</translation>
    </message>
    <message>
        <source>：尚未设定人均储备定额（在短板检查页设定），无法计算需求。</source>
        <translation>: no per-person amounts set yet (set them on the shortfall page), so needs cannot be worked out.</translation>
    </message>
    <message>
        <source>：{n} 种物资不足，见红色行</source>
        <translation>: {n} items short, see the red rows</translation>
    </message>
    <message>
        <source>：全部 {n} 种物资可由现有库存保障</source>
        <translation>: all {n} items covered by stock on hand</translation>
    </message>
    <message>
        <source>；可调用队伍 {n} 支</source>
        <translation>; {n} teams can be called</translation>
    </message>
    <message>
        <source>调拨方案</source>
        <translation>Transfer plan</translation>
    </message>
    <message>
        <source>导出调拨方案</source>
        <translation>Export the transfer plan</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>请选择一张待登记的草稿</source>
        <translation>Choose a draft that is waiting</translation>
    </message>
    <message>
        <source>已登记：{number}</source>
        <translation>Posted: {number}</translation>
    </message>
    <message>
        <source>撤回{depot}的这张草稿？撤回后不能再登记。</source>
        <translation>Withdraw this draft of {depot}? It cannot be posted afterwards.</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>不撤回</source>
        <translation>Keep it</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>删除</source>
        <extracomment>What is picked in the list: the record&apos;s id and how people name it, or None.</extracomment>
        <translation>Delete</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>已停用：{name}</source>
        <translation>Disabled: {name}</translation>
    </message>
    <message>
        <source>已启用：{name}</source>
        <translation>Enabled: {name}</translation>
    </message>
    <message>
        <source>确定删除“{name}”吗？删除后不能恢复。
仍被单据、库存或其他记录引用的不能删除，请改为停用。</source>
        <translation>Delete “{name}”? This cannot be undone.
A record still referred to by documents, stock or other records cannot be deleted; disable it instead.</translation>
    </message>
    <message>
        <source>已删除：{name}</source>
        <translation>Deleted: {name}</translation>
    </message>
</context>
<context>
    <name>RemedyDialog</name>
    <message>
        <source>整改</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>如：城关镇应急办 张三</source>
        <translation>e.g. Chengguan town emergency office, Zhang San</translation>
    </message>
    <message>
        <source>责任单位/责任人</source>
        <translation>Responsible unit/person</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>当前状态</source>
        <translation>Current status</translation>
    </message>
    <message>
        <source>请填写整改时限（如 2026-11-22）</source>
        <translation>Please enter the due date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>已登记整改：{unit} {rule}</source>
        <translation>Rectification recorded: {unit} {rule}</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>A4</source>
        <extracomment>The fields each report asks for, in the order the form shows them.</extracomment>
        <translation>A4</translation>
    </message>
    <message>
        <source>A4 二等分（A5 横向）</source>
        <translation>Half A4 (A5 landscape)</translation>
    </message>
    <message>
        <source>241 mm 三等分连续纸（241×93.1 mm）</source>
        <translation>241 mm continuous form, thirds (241×93.1 mm)</translation>
    </message>
    <message>
        <source>一联</source>
        <translation>One copy</translation>
    </message>
    <message>
        <source>三联：存根、仓库、领用单位</source>
        <translation>Three copies: stub, depot, receiving unit</translation>
    </message>
    <message>
        <source>二联：存根、领用单位</source>
        <translation>Two copies: stub, receiving unit</translation>
    </message>
    <message>
        <source>生成预览 (F9)</source>
        <translation>Generate preview (F9)</translation>
    </message>
    <message>
        <source>打印… (Ctrl+P)</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>隐去身份证号和手机号中段</source>
        <translation>Mask the middle of ID and mobile numbers</translation>
    </message>
    <message>
        <source>装备序列号</source>
        <translation>Equipment serials</translation>
    </message>
    <message>
        <source>物资批次</source>
        <translation>Item lots</translation>
    </message>
    <message>
        <source>报表条件</source>
        <translation>Report options</translation>
    </message>
    <message>
        <source>全部（本库所有单位）</source>
        <translation>All (every unit in this database)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部事件</source>
        <translation>All incidents</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>日期应写成 2026-11-22 这样的格式</source>
        <translation>Write dates like 2026-11-22</translation>
    </message>
    <message>
        <source>物资卡片需要选择仓库和物资</source>
        <translation>A stock card needs a depot and an item</translation>
    </message>
    <message>
        <source>盘点底稿需要选择仓库</source>
        <translation>The count sheet needs a depot</translation>
    </message>
    <message>
        <source>请选择要打印的单据</source>
        <translation>Please choose the document to print</translation>
    </message>
    <message>
        <source>正在生成{title}……</source>
        <translation>Building {title}…</translation>
    </message>
    <message>
        <source>正在生成……</source>
        <translation>Building…</translation>
    </message>
    <message>
        <source>共 {n} 页</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <source>已送打印：{n} 页</source>
        <translation>Sent to the printer: {n} pages</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重置密码：{name}</source>
        <translation>Reset password: {name}</translation>
    </message>
    <message>
        <source>至少 8 个字符；用户登录时须修改</source>
        <translation>At least 8 characters; the user must change it when logging in</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <source>已重置密码：{name}</source>
        <translation>Password reset: {name}</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <source>红冲单据 {number}</source>
        <translation>Reverse document {number}</translation>
    </message>
    <message>
        <source>红冲会登记一张冲销单，抵消 {number} 的全部出入库；原单据保留不改。
如原单据有误，红冲后请重新登记正确的单据。</source>
        <translation>A reversal posts a document that cancels every movement of {number}; the original stays as it is.
If the original was wrong, enter the correct document after reversing it.</translation>
    </message>
    <message>
        <source>如：数量录错，重新登记</source>
        <translation>e.g. wrong quantity, entered again</translation>
    </message>
    <message>
        <source>红冲日期</source>
        <translation>Reversal date</translation>
    </message>
    <message>
        <source>红冲原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>红冲…</source>
        <translation>Reverse…</translation>
    </message>
    <message>
        <source>红冲</source>
        <translation>Reversed by</translation>
    </message>
    <message>
        <source>请填写红冲日期（如 2026-11-22）</source>
        <translation>Please fill in the reversal date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>{item} {quantity}</source>
        <translation>{item} {quantity}</translation>
    </message>
    <message>
        <source>…共 {n} 行</source>
        <translation>… {n} lines in all</translation>
    </message>
    <message>
        <source>确定红冲{type} {number} 吗？
仓库：{depot}
冲销：{lines}
原因：{reason}
红冲后库存按上述数量反向变动，且不能撤销。</source>
        <translation>Reverse the {type} {number}?
Depot: {depot}
Cancels: {lines}
Reason: {reason}
Stock changes back by these quantities, and this cannot be undone.</translation>
    </message>
    <message>
        <source>请填写红冲原因</source>
        <translation>Please give the reason for the reversal</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已红冲 {number}</source>
        <translation>Reversed {number}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>逐条核对建议的规则</source>
        <translation>Review the proposed rules one by one</translation>
    </message>
    <message>
        <source>采用</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>目录中无此物资</source>
        <translation>Not in the catalogue</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原文</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>建议的规则</source>
        <translation>Proposed rules</translation>
    </message>
    <message>
        <source>未采用的数字条款</source>
        <translation>Numeric clauses not proposed</translation>
    </message>
    <message>
        <source>{title}（{number}，{issuer}，{date}）</source>
        <translation>{title} ({number}, {issuer}, {date})</translation>
    </message>
    <message>
        <source>无文号</source>
        <translation>no number</translation>
    </message>
    <message>
        <source>未署发文机关</source>
        <translation>issuer not stated</translation>
    </message>
    <message>
        <source>未署日期</source>
        <translation>undated</translation>
    </message>
    <message>
        <source>建议的规则（{n}）</source>
        <translation>Proposed rules ({n})</translation>
    </message>
    <message>
        <source>未采用的数字条款（{n}）</source>
        <translation>Numeric clauses not proposed ({n})</translation>
    </message>
    <message>
        <source>各级</source>
        <translation>every level</translation>
    </message>
    <message>
        <source>第{line}行“{text}”无效：数值应为非负数（人数、台数取整），层级为省、市、县、乡镇、街道、乡镇（街道）、功能区、村</source>
        <translation>Line {line}: “{text}” is invalid: a number must not be negative (whole for people and pieces); levels are 省, 市, 县, 乡镇 (towns), 街道 (sub-districts), 乡镇（街道） (both), 功能区, 村</translation>
    </message>
    <message>
        <source>第{line}行 {section}：「{quote}」</source>
        <translation>Line {line} {section}: “{quote}”</translation>
    </message>
    <message>
        <source>请至少采用一条规则</source>
        <translation>Accept at least one rule</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>SheetView</name>
    <message>
        <source>计量单位</source>
        <extracomment>Shortcut of 导出Excel… in every table.</extracomment>
        <translation>Unit</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>{title}：{n} 种计量单位，不能相加（指向此处查看各单位合计）</source>
        <translation>{title}: {n} units of measure, not added together (point here for the total per unit)</translation>
    </message>
    <message>
        <source>{title}按计量单位合计：</source>
        <translation>{title} per unit of measure:</translation>
    </message>
    <message>
        <source>复制选中行</source>
        <extracomment>Chooses the file to export to (tests replace it); empty when cancelled.</extracomment>
        <translation>Copy selected rows</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>无法写入 {path}：{error}</source>
        <translation>Cannot write {path}: {error}</translation>
    </message>
    <message>
        <source>已导出 {n} 行到 {path}</source>
        <translation>Exported {n} rows to {path}</translation>
    </message>
    <message>
        <source>合计：已显示 {n} 行，还有未读取的行。&lt;a href=&apos;all&apos;&gt;计算全部合计&lt;/a&gt;</source>
        <translation>Total: {n} rows shown, more not read yet. &lt;a href=&apos;all&apos;&gt;Add up all rows&lt;/a&gt;</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>ShortfallTree</name>
    <message>
        <source>单位</source>
        <extracomment>The severities the tree counts, column by column: missing, short, due, waiting. Each finding&apos;s rectification record (整改), set before the rows.</extracomment>
        <translation>Unit</translation>
    </message>
    <message>
        <source>缺失</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>不足</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>临期/逾期</source>
        <translation>Expiring/overdue</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>To confirm</translation>
    </message>
</context>
<context>
    <name>ShortfallsPage</name>
    <message>
        <source>检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>添加规划文件…</source>
        <translation>Add plan file…</translation>
    </message>
    <message>
        <source>从规划文本起草…</source>
        <translation>Draft from a plan&apos;s text…</translation>
    </message>
    <message>
        <source>规划导入向导：读取规划文本（.txt、.docx、.pdf），逐条核对后安装</source>
        <translation>Plan import wizard: read a plan&apos;s text (.txt, .docx, .pdf), review each rule, then install</translation>
    </message>
    <message>
        <source>确认待确认项</source>
        <translation>Confirm pending items</translation>
    </message>
    <message>
        <source>打开相关记录</source>
        <translation>Open the records</translation>
    </message>
    <message>
        <source>确认属性…</source>
        <translation>Confirm attribute…</translation>
    </message>
    <message>
        <source>人均储备定额…</source>
        <translation>Per-person amounts…</translation>
    </message>
    <message>
        <source>最低库存…</source>
        <translation>Minimum stock…</translation>
    </message>
    <message>
        <source>储备协议…</source>
        <translation>Reserve agreements…</translation>
    </message>
    <message>
        <source>装备对应…</source>
        <translation>Equipment mapping…</translation>
    </message>
    <message>
        <source>本单位设定</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source>整改…</source>
        <translation>Rectify…</translation>
    </message>
    <message>
        <source>标记已整改</source>
        <translation>Mark rectified</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>规划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>检查日期</source>
        <translation>Check date</translation>
    </message>
    <message>
        <source>请填写检查日期（如 2026-11-22）</source>
        <translation>Please fill in the check date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>未能检查</source>
        <translation>Could not check</translation>
    </message>
    <message>
        <source>正在检查……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>正在检查，请稍候……</source>
        <translation>Checking, please wait…</translation>
    </message>
    <message>
        <source>按各单位绑定的规划</source>
        <translation>By the plan bound to each unit</translation>
    </message>
    <message>
        <source>{date}：共 {n} 项短板</source>
        <translation>{date}: {n} shortfalls</translation>
    </message>
    <message>
        <source>；按类型：</source>
        <translation>; by kind: </translation>
    </message>
    <message>
        <source>。未绑定规划的单位 {n} 个</source>
        <translation>. Units without a plan: {n}</translation>
    </message>
    <message>
        <source>按乡镇：</source>
        <translation>By town: </translation>
    </message>
    <message>
        <source>选择一项短板查看详情和出处；双击打开相关记录。</source>
        <translation>Choose a shortfall to see its details and source; double-click to open the records.</translation>
    </message>
    <message>
        <source>规划原文为{text}，按下限检查</source>
        <translation>The plan says {text}; the lower bound is checked</translation>
    </message>
    <message>
        <source>自 {date} 起生效</source>
        <translation>In force from {date}</translation>
    </message>
    <message>
        <source>出处：{plan} {section}「{quote}」（规则 {rule}）</source>
        <translation>Source: {plan} {section} “{quote}” (rule {rule})</translation>
    </message>
    <message>
        <source>已确认：{attributes}</source>
        <translation>Confirmed: {attributes}</translation>
    </message>
    <message>
        <source>已确认 {units} 个单位的待确认项：{attributes}</source>
        <translation>Confirmed the waiting items of {units} units: {attributes}</translation>
    </message>
    <message>
        <source>选择规划文件</source>
        <translation>Choose a plan file</translation>
    </message>
    <message>
        <source>以今天的日期确认所选短板（可按Ctrl/Shift多选）等待办公室确认的各项（如班子、机制、劝导站），一次完成</source>
        <translation>Confirm, dated today and in one step, what the selected findings (Ctrl/Shift for several) wait on the office to confirm (leadership, mechanisms, advisory stations …)</translation>
    </message>
    <message>
        <source>规划文件 (*.toml)</source>
        <translation>Plan files (*.toml)</translation>
    </message>
    <message>
        <source>已安装规划：{name}</source>
        <translation>Plan installed: {name}</translation>
    </message>
    <message>
        <source>请先在左侧选择一个已绑定规划的单位</source>
        <translation>First choose a unit bound to a plan on the left</translation>
    </message>
    <message>
        <source>尚未登记整改：点击“整改…”登记责任单位、措施和时限。</source>
        <translation>No rectification recorded yet: click “Rectify…” to record the responsible unit, measure and due date.</translation>
    </message>
    <message>
        <source>整改：{owner}，时限 {due}，{status}；措施：{measure}</source>
        <translation>Rectification: {owner}, due {due}, {status}; measure: {measure}</translation>
    </message>
    <message>
        <source>请先在列表中选择一项短板</source>
        <translation>Please select a shortfall in the list first</translation>
    </message>
    <message>
        <source>请先选择一项已登记整改的短板</source>
        <translation>Please select a shortfall with a recorded rectification first</translation>
    </message>
    <message>
        <source>将“{what}”的整改标记为已整改（{date}）？</source>
        <translation>Mark the rectification of “{what}” as done ({date})?</translation>
    </message>
    <message>
        <source>已标记为已整改</source>
        <translation>Marked as rectified</translation>
    </message>
    <message>
        <source>导出短板问题清单</source>
        <translation>Export the shortfall list</translation>
    </message>
    <message>
        <source>短板问题清单.xlsx</source>
        <translation>shortfall-list.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法保存文件：{reason}</source>
        <translation>Could not save the file: {reason}</translation>
    </message>
    <message>
        <source>已导出 {rows} 行到 {path}</source>
        <translation>Exported {rows} rows to {path}</translation>
    </message>
</context>
<context>
    <name>StandardCatalogue</name>
    <message>
        <source>载入标准物资目录（{n} 种常用应急物资，按规划的物资类别编码，可再修改）</source>
        <translation>Load the standard catalogue ({n} common emergency items, coded by the plans&apos; categories; editable later)</translation>
    </message>
    <message>
        <source>把标准物资目录（{n} 种常用应急物资）载入目前为空的物资目录吗？载入后可以修改或停用。</source>
        <translation>Load the standard catalogue ({n} common emergency items) into the empty catalogue? Items can be edited or disabled afterwards.</translation>
    </message>
    <message>
        <source>载入</source>
        <translation>Load</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已载入标准物资目录</source>
        <translation>Standard catalogue loaded</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>已自动备份到 {path}</source>
        <translation>Backed up automatically to {path}</translation>
    </message>
</context>
<context>
    <name>StockCardDialog</name>
    <message>
        <source>物资卡片 — {item} · {depot}</source>
        <translation>Stock card — {item} · {depot}</translation>
    </message>
    <message>
        <source>仓库：{depot}&#x3000;类别：{category}&#x3000;计量单位：{unit}</source>
        <translation>Depot: {depot}   Category: {category}   Unit: {unit}</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>全部批次</source>
        <translation>All lots</translation>
    </message>
    <message>
        <source>无批次</source>
        <translation>No lot</translation>
    </message>
    <message>
        <source>现有库存：{qty}</source>
        <translation>On hand: {qty}</translation>
    </message>
    <message>
        <source>批次 {lot}（有效期至 {expiry}）{qty}</source>
        <translation>Lot {lot} (expires {expiry}) {qty}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>期初结存：{qty}</source>
        <translation>Opening balance: {qty}</translation>
    </message>
    <message>
        <source>已显示 {n} 条流水，向下滚动继续加载</source>
        <translation>{n} movements shown; scroll down for more</translation>
    </message>
    <message>
        <source>共 {n} 条流水</source>
        <translation>{n} movements</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>物资编码、名称、规格或批次</source>
        <extracomment>New-document entries: type and shortcut, in the order keepers use them.</extracomment>
        <translation>Item code, name, specification or lot</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>只看过期和临期</source>
        <translation>Expired and expiring only</translation>
    </message>
    <message>
        <source>这里还没有库存。按 F2 新建入库单，或用“数据 → 导入工作簿…”（Ctrl+I）导入期初库存；设了筛选条件时，请清除筛选。</source>
        <translation>No stock here yet. Press F2 for a new receipt, or import opening stock with Data → Import workbook… (Ctrl+I). If a filter is set, clear it.</translation>
    </message>
    <message>
        <source>物资卡片</source>
        <translation>Stock card</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>按物资汇总</source>
        <translation>Totals by item</translation>
    </message>
    <message>
        <source>单据</source>
        <comment>tab</comment>
        <translation>Documents</translation>
    </message>
    <message>
        <source>物资目录</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>仓库</source>
        <comment>tab</comment>
        <translation>Depots</translation>
    </message>
    <message>
        <source>事件</source>
        <comment>tab</comment>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>全部仓库</source>
        <translation>All depots</translation>
    </message>
    <message>
        <source>共 {n} 个批次</source>
        <translation>{n} lots</translation>
    </message>
    <message>
        <source>红色：已过期&#x3000;黄色：{days} 天内到期（可在“系统”中设置）</source>
        <translation>Red: expired   Amber: expires within {days} days (set under “System”)</translation>
    </message>
</context>
<context>
    <name>Stocktake</name>
    <message>
        <source>载入账面数</source>
        <translation>Load book quantities</translation>
    </message>
    <message>
        <source>选择仓库、日期和范围后载入账面数，再逐行填写实盘数。</source>
        <translation>Choose depot, date and scope, load the book quantities, then fill in each count.</translation>
    </message>
    <message>
        <source>请填写盘点日期（如 2026-11-22）</source>
        <translation>Please fill in the count date (e.g. 2026-11-22)</translation>
    </message>
    <message>
        <source>重新载入会清除已填写的实盘数，继续吗？</source>
        <translation>Loading again clears the counts entered. Continue?</translation>
    </message>
    <message>
        <source>正在计算账面数……</source>
        <translation>Computing book quantities…</translation>
    </message>
    <message>
        <source>账面 {total} 个批次，已盘 {done} 个，未盘 {left} 个</source>
        <translation>{total} lots on the books, {done} counted, {left} not counted</translation>
    </message>
    <message>
        <source>物资目录中没有“{text}”</source>
        <translation>“{text}” is not in the catalogue</translation>
    </message>
    <message>
        <source>有效期“{text}”不是日期</source>
        <translation>Expiry “{text}” is not a date</translation>
    </message>
</context>
<context>
    <name>SystemPage</name>
    <message>
        <source>正在检查数据库文件的数据页……</source>
        <extracomment>The verification steps, in order, with what the progress dialog says.</extracomment>
        <translation>Checking the pages of the database file…</translation>
    </message>
    <message>
        <source>正在核对库存余额与出入库流水……</source>
        <translation>Checking balances against movements…</translation>
    </message>
    <message>
        <source>正在核对各仓库的流水哈希链……</source>
        <translation>Checking each depot&apos;s movement hash chain…</translation>
    </message>
    <message>
        <source>正在核对流水与单据明细……</source>
        <translation>Checking movements against document lines…</translation>
    </message>
    <message>
        <source>正在核对已过账单据……</source>
        <translation>Checking posted documents…</translation>
    </message>
    <message>
        <source>正在核对审计日志链……</source>
        <translation>Checking the audit chain…</translation>
    </message>
    <message>
        <source>正在核对期末结账的结存……</source>
        <translation>Checking the balances of closed periods…</translation>
    </message>
    <message>
        <source>本机设置</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>打开设置…（Ctrl+,）</source>
        <translation>Open settings… (Ctrl+,)</translation>
    </message>
    <message>
        <source>数据库与台账校验</source>
        <translation>Database and ledger check</translation>
    </message>
    <message>
        <source>当前用户：{name}（{role}）</source>
        <translation>Current user: {name} ({role})</translation>
    </message>
    <message>
        <source>数据库：{path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <source>校验台账…</source>
        <translation>Check the ledger…</translation>
    </message>
    <message>
        <source>校验会重新计算全部库存并核对流水、单据和审计日志的哈希链。</source>
        <translation>The check recomputes all stock and verifies the hash chains of movements, documents and the audit log.</translation>
    </message>
    <message>
        <source>界面语言：{language}；临期提醒 {expiry} 天；保养提醒 {maintenance} 天。数据与备份文件夹、默认规划、报表字体也都在“设置”中。</source>
        <translation>Language: {language}; expiry warning {expiry} days; maintenance warning {maintenance} days. Data and backup folders, the default plan and the report font are in Settings too.</translation>
    </message>
    <message>
        <source>仓库 {depots} 个，单据 {documents} 张，出入库流水 {movements} 条</source>
        <translation>{depots} depots, {documents} documents, {movements} movements</translation>
    </message>
    <message>
        <source>库存批次 {balances} 个，审计记录 {audit} 条</source>
        <translation>{balances} stock lots, {audit} audit records</translation>
    </message>
    <message>
        <source>正在校验……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>校验台账</source>
        <translation>Check the ledger</translation>
    </message>
    <message>
        <source>发现 {n} 处不一致，请联系技术支持。</source>
        <translation>{n} discrepancies found; please contact technical support.</translation>
    </message>
    <message>
        <source>台账一致：库存与流水相符，哈希链完整。</source>
        <translation>The ledger is consistent: stock matches movements and the hash chains are intact.</translation>
    </message>
    <message>
        <source>校验已取消。</source>
        <translation>Check cancelled.</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>修改队伍</source>
        <translation>Edit team</translation>
    </message>
    <message>
        <source>新增队伍</source>
        <translation>New team</translation>
    </message>
    <message>
        <source>如：城关镇综合应急救援队</source>
        <translation>e.g. Chengguan Town comprehensive rescue team</translation>
    </message>
    <message>
        <source>留空自动编号</source>
        <translation>Leave empty to number automatically</translation>
    </message>
    <message>
        <source>队伍名称</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>队伍类型</source>
        <translation>Team type</translation>
    </message>
    <message>
        <source>性质</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>队长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Founded</translation>
    </message>
    <message>
        <source>队伍编号</source>
        <translation>Team code</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已保存队伍：{name}</source>
        <translation>Team saved: {name}</translation>
    </message>
</context>
<context>
    <name>TeamsPage</name>
    <message>
        <source>左侧所选单位还没有救援队伍。点“新增队伍”登记，或用“数据 → 导入工作簿…”导入。</source>
        <translation>The unit chosen on the left has no rescue team yet. Click “New team”, or import them with Data → Import workbook….</translation>
    </message>
    <message>
        <source>选中一支队伍查看队员；没有队员时点“新增队员”。</source>
        <translation>Select a team to see its members; click “New member” to add the first.</translation>
    </message>
    <message>
        <source>显示已离队队员</source>
        <translation>Show members who left</translation>
    </message>
    <message>
        <source>新增队伍</source>
        <translation>New team</translation>
    </message>
    <message>
        <source>修改队伍</source>
        <translation>Edit team</translation>
    </message>
    <message>
        <source>新增队员</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>修改队员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <source>{unit}：队伍 {teams} 支，在队 {people} 人</source>
        <translation>{unit}: {teams} teams, {people} active members</translation>
    </message>
    <message>
        <source>队员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>{team} 队员（在队 {count} 人）</source>
        <translation>{team} members ({count} active)</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>登记培训</source>
        <translation>Record training</translation>
    </message>
    <message>
        <source>可不填；填写则校验</source>
        <translation>Optional; checked when filled in</translation>
    </message>
    <message>
        <source>天数，可有一位小数</source>
        <translation>Days, one decimal allowed</translation>
    </message>
    <message>
        <source>机构工作人员的培训计入“应急管理机构工作人员集中培训”等要求；队伍技能培训选救援队员</source>
        <translation>Training of office staff counts towards requirements such as concentrated training of emergency management staff; choose Team member for team skill courses</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>培训对象</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>培训天数</source>
        <translation>Training days</translation>
    </message>
    <message>
        <source>培训内容</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>请填写开始日期（如 2026-11-22）</source>
        <translation>Please fill in the start date (e.g. 2026-11-22)</translation>
    </message>
</context>
<context>
    <name>TreeModel</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
</context>
<context>
    <name>UncountedDialog</name>
    <message>
        <source>未盘批次</source>
        <translation>Uncounted lots</translation>
    </message>
    <message>
        <source>全面盘点还有 {n} 个批次没有填写实盘数。请逐一确认：按零处理会登记盘亏，保持不变则账面数不动。</source>
        <translation>The full count left {n} lots without a count. Decide for each: counting it as zero records a loss; leaving it keeps the book quantity.</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>账面数</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>按零处理（盘亏）</source>
        <translation>Count as zero (loss)</translation>
    </message>
    <message>
        <source>保持不变</source>
        <translation>Leave as it is</translation>
    </message>
    <message>
        <source>全部按零处理</source>
        <translation>All as zero</translation>
    </message>
    <message>
        <source>全部保持不变</source>
        <translation>Leave all as they are</translation>
    </message>
    <message>
        <source>确认并过账</source>
        <translation>Confirm and post</translation>
    </message>
    <message>
        <source>返回盘点</source>
        <translation>Back to counting</translation>
    </message>
    <message>
        <source>还有批次没有选择处理方式</source>
        <translation>Some lots still have no decision</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>修改单位</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <source>新增下级单位</source>
        <translation>Add sub-unit</translation>
    </message>
    <message>
        <source>12位统计用区划代码</source>
        <translation>12-digit statistical division code</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>（继承上级单位的规划）</source>
        <translation>(inherit the parent unit&apos;s plan)</translation>
    </message>
    <message>
        <source>上级单位</source>
        <translation>Parent unit</translation>
    </message>
    <message>
        <source>区划代码</source>
        <translation>Division code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>常住人口</source>
        <translation>Resident population</translation>
    </message>
    <message>
        <source>标志</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>适用规划</source>
        <translation>Plan in force</translation>
    </message>
    <message>
        <source>经纬度</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已新增单位：{name}</source>
        <translation>Unit added: {name}</translation>
    </message>
    <message>
        <source>已保存单位：{name}</source>
        <translation>Unit saved: {name}</translation>
    </message>
</context>
<context>
    <name>UnitTree</name>
    <message>
        <source>队伍</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>查找单位</source>
        <translation>Find unit</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>您还没有过账任何单据</source>
        <translation>You have not posted any document yet</translation>
    </message>
</context>
</TS>
