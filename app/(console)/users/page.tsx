import { requireAdminPage } from "@/lib/auth/guards";
import { listUsers } from "@/lib/users/repository";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { AddUserForm, SetPasswordButton, UserRowActions } from "./user-forms";

export default async function UsersPage() {
  const me = await requireAdminPage();
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" />
      <table className="table mb-8 bg-white">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Last sign-in</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
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
          ))}
        </tbody>
      </table>
      <AddUserForm />
    </>
  );
}
