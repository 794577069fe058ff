/**
 * The standard library, compiled with every file (unless told not to): CRUD operations any
 * entity extends in a domain block. Kept as a module (not an .edl beside it) so the built
 * package carries it.
 */
export const STANDARD_EDL = `// The standard library: CRUD operations any entity extends in a domain block, e.g.
//   domain Rest { naming entity { method dashesLowercase }
//     entity Book { interface Library { operation GetBook extends GetById { } } } }
// An operation extends an abstract operation of its own interface first, then one of these.
// Bodies use the entity's views Full and Create when it declares them, else these.

domain Standard {
    D "The standard library's views, for any entity."
    view Full { D "Every attribute." }
    view Create {
        D "What a client sends to create or replace an object: no primary key, nor what the server stamps."
        exclude primarykey
        attributes { exclude creation exclude modification }
    }
}

interface Standard {
    D "Create, read, update and delete, for any entity."

    abstract operation GetById {
        D "Gets the $(entity.name) of this ID."
        config { context entity anEntity }
        request {
            method GET
            path "/$(entity.name|domain)/{id}" { param int64 id { D "The ID of the $(entity.name)." } }
        }
        response {
            body { contentType "application/json" view Full domain Standard }
            status OK
            status NOT_FOUND { D "No $(entity.name) has this ID." }
        }
    }

    abstract operation GetObjects {
        D "Gets a page of $(entity.name) objects."
        config {
            context entity anEntity
            argument view returningView = Full
            argument int32 defaultLimit = 20
        }
        request {
            method GET
            path "/$(entity.name|domain)" {
                query param int32 limit = defaultLimit { D "At most this many objects." }
                query param int32 offset = 0 { D "Skip this many objects first." }
            }
        }
        response {
            body { contentType "application/json" view returningView domain Standard many }
            status OK
        }
    }

    abstract operation Create {
        D "Creates a $(entity.name)."
        config { context entity anEntity }
        request {
            method POST
            path "/$(entity.name|domain)"
            body { contentType "application/json" view Create domain Standard }
        }
        response {
            body { contentType "application/json" view Full domain Standard }
            status CREATED
        }
    }

    abstract operation Update {
        D "Replaces the $(entity.name) of this ID."
        config { context entity anEntity }
        request {
            method PUT
            path "/$(entity.name|domain)/{id}" { param int64 id }
            body { contentType "application/json" view Create domain Standard }
        }
        response {
            body { contentType "application/json" view Full domain Standard }
            status OK
            status NOT_FOUND { D "No $(entity.name) has this ID." }
        }
    }

    abstract operation Delete {
        D "Deletes the $(entity.name) of this ID."
        config { context entity anEntity }
        request {
            method DELETE
            path "/$(entity.name|domain)/{id}" { param int64 id }
        }
        response {
            status NO_CONTENT
            status NOT_FOUND { D "No $(entity.name) has this ID." }
        }
    }
}
`;
