// The pieces every data table of the app draws alike.

/** The header of the column of a row's buttons: named for screen readers, blank on the screen. */
export function ActionsHeader() {
  return (
    <th scope="col">
      <span className="sr-only">操作</span>
    </th>
  );
}

/** The one row of a table with nothing in it, saying so across all its columns. */
export function EmptyRow({ columns, text }: { columns: number; text: string }) {
  return (
    <tr>
      <td colSpan={columns} className="empty">
        {text}
      </td>
    </tr>
  );
}
