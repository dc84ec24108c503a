import { requireAdminPage } from "@/lib/auth/guards";
import { listUsers } from "@/lib/users/repository";
import { DataTable } from "@/app/components/data-table";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { AddUserForm, SetPasswordButton, UserRowActions } from "./user-forms";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireAdminPage();
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" />
      <DataTable
        className="mb-8"
        headers={["Email", "Name", "Role", "Last sign-in", "Status"]}
        actions
        items={users}
        row={(u) => (
          <tr key={u.id}>
            <td>
              {u.email}
              {u.id === me.id && <span className="ml-1 text-slate-500">(you)</span>}
            </td>
            <td>{u.name}</td>
            <td>{u.role}</td>
            <td>{formatDateTime(u.lastSignInAt)}</td>
            <td>{u.disabledAt ? "Disabled" : "Active"}</td>
            <td>
              <UserRowActions
                id={u.id}
                email={u.email}
                role={u.role}
                disabled={u.disabledAt !== null}
                activeTokens={u.activeTokens}
              />
              {u.id !== me.id && <SetPasswordButton id={u.id} email={u.email} />}
            </td>
          </tr>
        )}
      />
      <AddUserForm />
    </>
  );
}
